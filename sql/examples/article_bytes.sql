-- Trace articles back to their dump file and byte range.
-- Reads article_occurrences and dumps, the two tables behind the article_provenance view: the view also works
-- out each article's first_published_on over all its occurrences, which this query does not need.
-- (The first ten records are picked before the join to articles, so the titles of only those ten are read.)
WITH first_records AS (
    SELECT o.article_id, d.file_key, o.record_no, o.byte_start, o.byte_end
    FROM article_occurrences o JOIN dumps d ON d.dump_id = o.dump_id AND d.status = 'loaded'
    ORDER BY d.file_key, o.record_no LIMIT 10
)
SELECT p.article_id, p.file_key, p.record_no, p.byte_start, p.byte_end, a.title
FROM first_records p JOIN articles a USING (article_id)
ORDER BY p.file_key, p.record_no;
