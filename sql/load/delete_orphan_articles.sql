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
DELETE FROM quotations
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])) AND article_id NOT IN (SELECT article_id FROM articles);
DELETE FROM article_tone
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])) AND article_id NOT IN (SELECT article_id FROM articles);
DELETE FROM sentence_tone
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])) AND article_id NOT IN (SELECT article_id FROM articles);
-- A restored article is themed again (its keywords went above).
DELETE FROM article_theme_runs
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])) AND article_id NOT IN (SELECT article_id FROM articles);
DELETE FROM entities
WHERE entity_id NOT IN (SELECT entity_id FROM entity_mentions);
DELETE FROM entity_aliases
WHERE (entity_id, alias) NOT IN (SELECT DISTINCT entity_id, surface FROM entity_mentions);
-- Stories: the cluster mates of a removed article are queued for re-clustering; its index rows and links go.
INSERT INTO story_recluster BY NAME
SELECT c.article_id FROM article_clusters c
WHERE c.cluster_id IN (
    SELECT cluster_id FROM article_clusters
    WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])) AND article_id NOT IN (SELECT article_id FROM articles)
)
  AND c.article_id IN (SELECT article_id FROM articles);
DELETE FROM article_clusters
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])) AND article_id NOT IN (SELECT article_id FROM articles);
DELETE FROM story_bands
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])) AND article_id NOT IN (SELECT article_id FROM articles);
DELETE FROM story_links
WHERE (article_id IN (SELECT unnest($article_ids::VARCHAR[])) AND article_id NOT IN (SELECT article_id FROM articles))
   OR (other_id IN (SELECT unnest($article_ids::VARCHAR[])) AND other_id NOT IN (SELECT article_id FROM articles));
-- A story named after a removed article goes with it (its other copies, queued above, get their story back
-- when the stories step re-clusters them).
DELETE FROM story_summaries
WHERE cluster_id IN (SELECT unnest($article_ids::VARCHAR[])) AND cluster_id NOT IN (SELECT article_id FROM articles);
