-- Everything that shares a story with the given articles now: their cluster mates and their linked articles.
SELECT c.article_id FROM article_clusters c
WHERE c.cluster_id IN (
    SELECT cluster_id FROM article_clusters WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]))
)
UNION
SELECT other_id FROM story_links WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]))
UNION
SELECT article_id FROM story_links WHERE other_id IN (SELECT unnest($article_ids::VARCHAR[]));
