-- The ids of the articles of the given dump files, in order: the extraction steps read their texts batch by batch.
SELECT DISTINCT o.article_id
FROM article_occurrences o
JOIN dumps d ON d.dump_id = o.dump_id AND d.status = 'loaded'
WHERE d.file_key IN (SELECT unnest($file_keys::VARCHAR[]))
ORDER BY o.article_id;
