-- Table: search_terms
-- Grain: one row per index term (term): its id and document frequency; the vocabulary queries are segmented against.
CREATE TABLE IF NOT EXISTS search_terms (
    term    VARCHAR NOT NULL,
    term_id INTEGER NOT NULL,
    df      INTEGER NOT NULL
);
COMMENT ON TABLE search_terms IS 'One row per index term (grain: term): id and document frequency. Also the vocabulary search_articles segments a query against.';
COMMENT ON COLUMN search_terms.term IS 'A word from rjieba search-mode segmentation, NFKC-normalised and lower-cased.';
COMMENT ON COLUMN search_terms.term_id IS 'Integer id used by search_postings; never reused for another term.';
COMMENT ON COLUMN search_terms.df IS 'Number of indexed articles containing the term (BM25 document frequency); kept in step with search_postings.';
