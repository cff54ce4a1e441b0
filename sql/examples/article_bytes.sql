-- Trace articles back to their dump file and byte range.
-- (The first ten records are picked before the join to articles, so the titles of only those ten are read.)
WITH first_records AS (
    SELECT article_id, file_key, record_no, byte_start, byte_end
    FROM article_provenance ORDER BY file_key, record_no LIMIT 10
)
SELECT p.article_id, p.file_key, p.record_no, p.byte_start, p.byte_end, a.title
FROM first_records p JOIN articles a USING (article_id)
ORDER BY p.file_key, p.record_no;
