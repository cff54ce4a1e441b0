-- Table: search_postings
-- Grain: one row per (term_id, doc_no): how often a term occurs in an indexed article.
CREATE TABLE IF NOT EXISTS search_postings (
    term_id    INTEGER NOT NULL,
    doc_no     INTEGER NOT NULL,
    tf         SMALLINT NOT NULL,
    doc_length INTEGER NOT NULL
);
COMMENT ON TABLE search_postings IS 'Inverted index for BM25 (grain: term_id, doc_no); rows are inserted sorted by term_id so zone maps skip most of the table for a query.';
COMMENT ON COLUMN search_postings.term_id IS 'The term (search_terms.term_id).';
COMMENT ON COLUMN search_postings.doc_no IS 'The article (search_documents.doc_no).';
COMMENT ON COLUMN search_postings.doc_length IS 'search_documents.length of the article, repeated here so a query scores postings without joining a million documents (halved the time of a query for a common word at 1 M articles).';
COMMENT ON COLUMN search_postings.tf IS 'Term frequency in title + body, title occurrences counted several times (pipelines/search/terms.py TITLE_WEIGHT).';
