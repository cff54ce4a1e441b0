-- The stories (cluster ids) of the given dumps' articles, in order of their first day: a batch of them then
-- covers a few consecutive days, so the neighbours it must compare with are few.
SELECT c.cluster_id
FROM article_occurrences o
JOIN dumps d ON d.dump_id = o.dump_id
JOIN article_clusters c ON c.article_id = o.article_id
LEFT JOIN story_summaries s ON s.cluster_id = c.cluster_id
WHERE d.file_key IN (SELECT unnest($file_keys::VARCHAR[]))
GROUP BY c.cluster_id, s.first_seen
ORDER BY s.first_seen NULLS LAST, c.cluster_id;
