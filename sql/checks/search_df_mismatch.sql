-- Terms of the run's articles whose stored document frequency differs from their postings.
-- Each row: `violations` (all of them, counted before the LIMIT), then the violating row itself.
WITH found AS (
    WITH run_terms AS (
        SELECT DISTINCT p.term_id FROM search_postings p
        JOIN search_documents d USING (doc_no)
        WHERE d.article_id IN (SELECT unnest($article_ids::VARCHAR[]))
    )
    SELECT t.term, t.df, count(p.doc_no) AS postings
    FROM search_terms t
    JOIN run_terms USING (term_id)
    LEFT JOIN search_postings p USING (term_id)
    GROUP BY ALL
    HAVING t.df <> count(p.doc_no)
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
