-- Table: term_document_frequency
-- Grain: one row per term (term): in how many tokenised articles (article_terms) the term occurs.
-- Maintained incrementally: +1 per term of each newly tokenised article, -1 when an article's row is retired.
CREATE TABLE IF NOT EXISTS term_document_frequency (
    term VARCHAR NOT NULL,
    df   BIGINT NOT NULL
);
COMMENT ON TABLE term_document_frequency IS 'Document frequency of each term over the articles in article_terms (grain: term); the IDF behind article_keywords.';
COMMENT ON COLUMN term_document_frequency.term IS 'A keyword-candidate term (see article_terms.terms).';
COMMENT ON COLUMN term_document_frequency.df IS 'Number of articles in article_terms whose terms contain this term (always >= 1; terms reaching 0 are deleted).';
