-- Articles the stories step handles: those of the given dump files, plus any queued for re-clustering.
SELECT a.article_id, a.title, a.body, a.kind, a.published_on, a.char_count
FROM articles a
WHERE a.article_id IN (
    SELECT o.article_id
    FROM article_occurrences o
    JOIN dumps d ON d.dump_id = o.dump_id AND d.status = 'loaded'
    WHERE d.file_key IN (SELECT unnest($file_keys::VARCHAR[]))
    UNION
    SELECT article_id FROM story_recluster
)
ORDER BY a.article_id;
