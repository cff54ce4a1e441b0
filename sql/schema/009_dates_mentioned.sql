-- Table: dates_mentioned
-- Grain: one row per date or time expression (article_id, start, end).
CREATE TABLE IF NOT EXISTS dates_mentioned (
    article_id        VARCHAR NOT NULL,
    start             INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    surface           VARCHAR NOT NULL,
    value             VARCHAR,
    precision         VARCHAR,
    extractor_version VARCHAR NOT NULL
);
COMMENT ON TABLE dates_mentioned IS 'One row per date/time expression in an article (grain: article_id, start, end), normalised against the article date.';
COMMENT ON COLUMN dates_mentioned.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN dates_mentioned.start IS '0-based character offset in title || chr(10) || body.';
COMMENT ON COLUMN dates_mentioned."end" IS 'Exclusive 0-based character offset.';
COMMENT ON COLUMN dates_mentioned.surface IS 'The text as written (7月16日18时, 2024年7月, 19日早晨).';
COMMENT ON COLUMN dates_mentioned.value IS 'ISO value at its precision (2025-07-16T18:00, 2024-07, 2025-07-19); NULL when it cannot be placed on the calendar.';
COMMENT ON COLUMN dates_mentioned.precision IS 'year, month, day, hour or minute.';
COMMENT ON COLUMN dates_mentioned.extractor_version IS 'Version of the rules that made the row.';
