-- The stories (cluster ids) these articles belong to now.
SELECT DISTINCT cluster_id FROM article_clusters WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
