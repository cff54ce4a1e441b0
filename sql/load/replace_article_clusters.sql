-- The clusters of the re-clustered articles replace their old rows.
DELETE FROM article_clusters WHERE article_id IN (SELECT article_id FROM incoming_article_clusters);
INSERT INTO article_clusters (article_id, cluster_id, stories_version)
SELECT article_id, cluster_id, stories_version FROM incoming_article_clusters;
