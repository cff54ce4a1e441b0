-- Remove what the entity step wrote for these articles, before writing it again.
DELETE FROM entity_mentions WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
DELETE FROM amounts WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
DELETE FROM dates_mentioned WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
