-- Entities these articles mention now: candidates for orphan cleanup after a rewrite.
SELECT DISTINCT entity_id FROM entity_mentions WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
