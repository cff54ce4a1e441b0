-- A few articles with the dump file and byte range each came from.
-- (The first eight records are picked before the join to articles, so only those eight articles are read.)
WITH first_records AS (
    SELECT o.article_id, d.file_key, o.record_no, o.byte_start, o.byte_end
    FROM article_occurrences o
    JOIN dumps d ON d.dump_id = o.dump_id AND d.status = 'loaded'
    ORDER BY d.file_key, o.record_no
    LIMIT 8
)
SELECT a.article_id, a.published_on, a.kind, a.source, a.title, r.file_key, r.byte_start, r.byte_end
FROM first_records r
JOIN articles a USING (article_id)
ORDER BY r.file_key, r.record_no;
