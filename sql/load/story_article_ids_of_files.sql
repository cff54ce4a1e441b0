-- Ids of the articles the stories step handles: those of the given dump files, plus any queued for
-- re-clustering. The step reads their texts batch by batch (load/story_articles_by_id).
SELECT o.article_id
FROM article_occurrences o
JOIN dumps d ON d.dump_id = o.dump_id AND d.status = 'loaded'
WHERE d.file_key IN (SELECT unnest($file_keys::VARCHAR[]))
UNION
SELECT article_id FROM story_recluster
ORDER BY article_id;
