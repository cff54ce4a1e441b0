-- Take out of the full-text index the given articles (about to be re-indexed) and articles that no longer
-- exist, keeping search_terms.df in step. Terms whose df drops to 0 stay in the vocabulary (ids are stable).
CREATE OR REPLACE TEMP TABLE search_removed AS
SELECT doc_no FROM search_documents
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]))
   OR article_id NOT IN (SELECT article_id FROM articles);
UPDATE search_terms SET df = search_terms.df - gone.documents
FROM (
    SELECT term_id, count(*) AS documents FROM search_postings
    WHERE doc_no IN (SELECT doc_no FROM search_removed) GROUP BY term_id
) AS gone
WHERE search_terms.term_id = gone.term_id;
DELETE FROM search_postings WHERE doc_no IN (SELECT doc_no FROM search_removed);
DELETE FROM search_documents WHERE doc_no IN (SELECT doc_no FROM search_removed);
DROP TABLE search_removed;
