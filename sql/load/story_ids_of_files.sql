-- The stories (cluster ids) of the given dumps' articles.
SELECT DISTINCT c.cluster_id
FROM article_occurrences o
JOIN dumps d ON d.dump_id = o.dump_id
JOIN article_clusters c ON c.article_id = o.article_id
WHERE d.file_key IN (SELECT unnest($file_keys::VARCHAR[]))
ORDER BY 1;
