-- Table: amounts
-- Grain: one row per money or percent expression (article_id, start, end).
CREATE TABLE IF NOT EXISTS amounts (
    article_id        VARCHAR NOT NULL,
    start             INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    surface           VARCHAR NOT NULL,
    kind              VARCHAR NOT NULL,
    value             DOUBLE NOT NULL,
    currency          VARCHAR,
    extractor_version VARCHAR NOT NULL
);
COMMENT ON TABLE amounts IS 'One row per money or percent expression in an article (grain: article_id, start, end).';
COMMENT ON COLUMN amounts.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN amounts.start IS '0-based character offset in title || chr(10) || body.';
COMMENT ON COLUMN amounts."end" IS 'Exclusive 0-based character offset.';
COMMENT ON COLUMN amounts.surface IS 'The text as written (10万元, 百分之三十).';
COMMENT ON COLUMN amounts.kind IS 'money or percent.';
COMMENT ON COLUMN amounts.value IS 'Numeric value: 10万元 -> 100000; for percent the number of percent (5.5% -> 5.5).';
COMMENT ON COLUMN amounts.currency IS 'ISO 4217 code for money (CNY, USD, ...); NULL for percent.';
COMMENT ON COLUMN amounts.extractor_version IS 'Version of the rules that made the row.';
