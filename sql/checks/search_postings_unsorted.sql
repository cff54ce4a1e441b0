-- Postings out of term_id order after compaction (should be none): the first few offending rows.
SELECT term_id, doc_no, previous_term_id FROM (
    SELECT term_id, doc_no, lag(term_id) OVER (ORDER BY rowid) AS previous_term_id FROM search_postings
)
WHERE term_id < previous_term_id
LIMIT 5;
