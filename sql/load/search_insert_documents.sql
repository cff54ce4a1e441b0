-- Index the articles of the registered frames `incoming_search_documents` (article_id, length, search_version,
-- and what a hit shows: title, kind, published_on, source)
-- and `incoming_search_terms` (article_id, term, tf): new vocabulary terms get the next ids, documents the
-- next numbers, postings go in sorted by term_id (so zone maps stay selective), and df grows.
INSERT INTO search_terms BY NAME
SELECT term, (SELECT coalesce(max(term_id), 0) FROM search_terms) + row_number() OVER (ORDER BY term) AS term_id, 0 AS df
FROM (SELECT DISTINCT term FROM incoming_search_terms)
WHERE term NOT IN (SELECT term FROM search_terms);
INSERT INTO search_documents BY NAME
SELECT article_id, (SELECT coalesce(max(doc_no), 0) FROM search_documents) + row_number() OVER (ORDER BY article_id)
           AS doc_no, length, search_version, title, kind, published_on, source
FROM incoming_search_documents;
INSERT INTO search_postings BY NAME
SELECT t.term_id, d.doc_no, i.tf, d.length AS doc_length
FROM incoming_search_terms i
JOIN search_terms t USING (term)
JOIN search_documents d USING (article_id)
ORDER BY t.term_id, d.doc_no;
UPDATE search_terms SET df = search_terms.df + added.documents
FROM (SELECT term, count(*) AS documents FROM incoming_search_terms GROUP BY term) AS added
WHERE search_terms.term = added.term;
