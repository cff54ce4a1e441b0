-- Remove everything the given dumps contributed, before their rows are written again.
DELETE FROM article_occurrences WHERE dump_id IN (SELECT unnest($dump_ids::VARCHAR[]));
DELETE FROM quarantine WHERE dump_id IN (SELECT unnest($dump_ids::VARCHAR[]));
