-- The clusters of the re-clustered articles replace their old rows.
DELETE FROM article_clusters WHERE article_id IN (SELECT article_id FROM incoming_article_clusters);
INSERT INTO article_clusters BY NAME SELECT * FROM incoming_article_clusters;
