-- Table: articles
-- Grain: one row per distinct article text (article_id); an article found in several dumps is one row.
CREATE TABLE IF NOT EXISTS articles (
    article_id          VARCHAR NOT NULL,
    title               VARCHAR NOT NULL,
    body                VARCHAR NOT NULL,
    kind                VARCHAR NOT NULL,
    source              VARCHAR,
    dateline_place      VARCHAR,
    published_on        DATE,
    published_on_method VARCHAR NOT NULL,
    authors             VARCHAR[],
    char_count          INTEGER NOT NULL,
    extractor_version   VARCHAR NOT NULL
);
COMMENT ON TABLE articles IS 'One row per distinct article (grain: article_id). Where it came from: article_occurrences.';
COMMENT ON COLUMN articles.article_id IS 'Stable id: first 20 hex chars of SHA-256 of the NFKC-normalised, whitespace-collapsed title + body.';
COMMENT ON COLUMN articles.title IS 'First line of the record.';
COMMENT ON COLUMN articles.body IS 'Remaining non-blank lines, one paragraph per line (joined with a newline).';
COMMENT ON COLUMN articles.kind IS 'full: wire copy ending in (完) or a dateline/lead with several paragraphs; teaser: one line cut off with ... or …; brief: anything else.';
COMMENT ON COLUMN articles.source IS 'Agency from the dateline (中新网台州4月7日电) or lead (央视网消息:, 中国天气网讯); NULL when none.';
COMMENT ON COLUMN articles.dateline_place IS 'Place named in the dateline (台州 in 中新网台州4月7日电); NULL when none.';
COMMENT ON COLUMN articles.published_on IS 'Publication date: month/day from the text, year inferred from the dump reference date; see published_on_method.';
COMMENT ON COLUMN articles.published_on_method IS 'dateline: month/day from the dateline; lead: from a date near the top of the body; reference: the dump reference date (no date in the text).';
COMMENT ON COLUMN articles.authors IS 'Reporters named in the dateline parentheses.';
COMMENT ON COLUMN articles.char_count IS 'Characters in title + body.';
COMMENT ON COLUMN articles.extractor_version IS 'Version of the parser that produced this row.';
