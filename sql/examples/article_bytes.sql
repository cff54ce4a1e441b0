-- Trace articles back to their dump file and byte range.
SELECT p.article_id, p.file_key, p.record_no, p.byte_start, p.byte_end, a.title
FROM article_provenance p JOIN articles a USING (article_id)
ORDER BY p.file_key, p.record_no LIMIT 10;
