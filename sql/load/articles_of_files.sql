-- The articles (with what extraction needs) of the given dump files.
SELECT DISTINCT a.article_id, a.title, a.body, a.published_on
FROM articles a
JOIN article_occurrences o USING (article_id)
JOIN dumps d ON d.dump_id = o.dump_id AND d.status = 'loaded'
WHERE d.file_key IN (SELECT unnest($file_keys::VARCHAR[]))
ORDER BY a.article_id;
