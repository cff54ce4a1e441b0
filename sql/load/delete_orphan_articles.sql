-- Articles that no dump points at any more, and everything derived from them.
DELETE FROM articles
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]))
  AND article_id NOT IN (SELECT article_id FROM article_occurrences);
DELETE FROM entity_mentions
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])) AND article_id NOT IN (SELECT article_id FROM articles);
DELETE FROM amounts
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])) AND article_id NOT IN (SELECT article_id FROM articles);
DELETE FROM dates_mentioned
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])) AND article_id NOT IN (SELECT article_id FROM articles);
DELETE FROM article_topics
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])) AND article_id NOT IN (SELECT article_id FROM articles);
DELETE FROM article_keywords
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])) AND article_id NOT IN (SELECT article_id FROM articles);
DELETE FROM entities
WHERE entity_id NOT IN (SELECT entity_id FROM entity_mentions);
DELETE FROM entity_aliases
WHERE (entity_id, alias) NOT IN (SELECT DISTINCT entity_id, surface FROM entity_mentions);
