-- Table: article_terms
-- Grain: one row per article (article_id): the article's keyword-candidate terms and their counts, from one tokenisation pass.
-- The corpus assets tokenise each article once and reuse these rows for document frequencies, keywords and themes.
CREATE TABLE IF NOT EXISTS article_terms (
    article_id        VARCHAR NOT NULL,
    terms             VARCHAR[] NOT NULL,
    counts            INTEGER[] NOT NULL,
    tokenizer_version VARCHAR NOT NULL
);
COMMENT ON TABLE article_terms IS 'One row per tokenised article (grain: article_id): distinct candidate terms and how often each occurs. An article counts in term_document_frequency exactly while it has a row here.';
COMMENT ON COLUMN article_terms.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN article_terms.terms IS 'Distinct keyword-candidate terms of title and body (stopwords, numbers and single characters removed), sorted.';
COMMENT ON COLUMN article_terms.counts IS 'Occurrences of each term, aligned with terms.';
COMMENT ON COLUMN article_terms.tokenizer_version IS 'Version of the tokenisation that made the row; rows of another version are retired and recomputed.';
