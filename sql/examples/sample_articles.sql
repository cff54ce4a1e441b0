-- A few articles with the dump file and byte range each came from.
SELECT a.article_id, a.published_on, a.kind, a.source, a.title, d.file_key, o.byte_start, o.byte_end
FROM articles a
JOIN article_occurrences o USING (article_id)
JOIN dumps d ON d.dump_id = o.dump_id AND d.status = 'loaded'
ORDER BY d.file_key, o.record_no
LIMIT 8;
