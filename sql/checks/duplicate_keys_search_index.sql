-- Keys written by the search step that occur more than once for the given articles: their documents, postings and
-- the terms those postings use. DuckLake has no primary key: the loaders delete and insert per article in one
-- transaction, so a duplicate means a loader bug or racing writers.
-- Each row: `violations` (all of them, counted before the LIMIT), then the table, the key and how many rows hold it.
WITH run_articles AS (SELECT unnest($article_ids::VARCHAR[]) AS article_id),
run_docs AS (SELECT doc_no FROM search_documents WHERE article_id IN (SELECT article_id FROM run_articles)),
run_terms AS (SELECT DISTINCT term_id FROM search_postings WHERE doc_no IN (SELECT doc_no FROM run_docs)),
found AS (
    SELECT 'search_documents' AS table_name, article_id AS key, count(*) AS copies
    FROM search_documents WHERE article_id IN (SELECT article_id FROM run_articles)
    GROUP BY article_id HAVING count(*) > 1
    UNION ALL
    SELECT 'search_documents', 'doc_no ' || doc_no, count(*)
    FROM search_documents WHERE doc_no IN (SELECT doc_no FROM run_docs) GROUP BY doc_no HAVING count(*) > 1
    UNION ALL
    SELECT 'search_postings', concat_ws(' ', term_id, doc_no), count(*)
    FROM search_postings WHERE doc_no IN (SELECT doc_no FROM run_docs) GROUP BY term_id, doc_no HAVING count(*) > 1
    UNION ALL
    SELECT 'search_terms', 'term_id ' || term_id, count(*)
    FROM search_terms WHERE term_id IN (SELECT term_id FROM run_terms) GROUP BY term_id HAVING count(*) > 1
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
