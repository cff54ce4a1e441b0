-- Articles the given dumps' occurrences point at, remembered before those rows are deleted.
SELECT DISTINCT article_id FROM article_occurrences
WHERE dump_id IN (SELECT unnest($dump_ids::VARCHAR[]));
