-- Postings out of term_id order after compaction (should be none): the first few offending rows.
-- Each row: `violations` (all of them, counted before the LIMIT), then the violating row itself.
WITH found AS (
    SELECT term_id, doc_no, previous_term_id FROM (
        SELECT term_id, doc_no, lag(term_id) OVER (ORDER BY rowid) AS previous_term_id FROM search_postings
    )
    WHERE term_id < previous_term_id
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 5;
