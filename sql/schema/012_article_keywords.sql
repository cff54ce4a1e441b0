-- Table: article_keywords
-- Grain: one row per (article_id, keyword): top TF-IDF keywords of each article.
CREATE TABLE IF NOT EXISTS article_keywords (
    article_id    VARCHAR NOT NULL,
    keyword       VARCHAR NOT NULL,
    weight        DOUBLE NOT NULL,
    rank          INTEGER NOT NULL,
    model_version VARCHAR NOT NULL
);
COMMENT ON TABLE article_keywords IS 'One row per top keyword of an article (grain: article_id, keyword), TF-IDF against corpus statistics, refreshed daily.';
COMMENT ON COLUMN article_keywords.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN article_keywords.keyword IS 'A word (rjieba token, stopwords removed).';
COMMENT ON COLUMN article_keywords.weight IS 'TF-IDF weight scaled so the article''s top keyword is 1.0.';
COMMENT ON COLUMN article_keywords.rank IS '1 = the article''s strongest keyword.';
COMMENT ON COLUMN article_keywords.model_version IS 'Keyword extractor version and corpus statistics used.';
