-- Table: article_topics
-- Grain: one row per (article_id, topic_id): an article's score on a topic it was assigned.
CREATE TABLE IF NOT EXISTS article_topics (
    article_id    VARCHAR NOT NULL,
    topic_id      VARCHAR NOT NULL,
    score         DOUBLE NOT NULL,
    rank          INTEGER NOT NULL,
    model_version VARCHAR NOT NULL
);
COMMENT ON TABLE article_topics IS 'One row per topic assigned to an article (grain: article_id, topic_id). IPTC rows come per dump partition; discovered-theme rows from the daily theme model.';
COMMENT ON COLUMN article_topics.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN article_topics.topic_id IS 'The topic (topics.topic_id).';
COMMENT ON COLUMN article_topics.score IS 'Classifier probability (iptc) or normalised theme weight (discovered), in [0, 1].';
COMMENT ON COLUMN article_topics.rank IS '1 = the article''s strongest topic within the same taxonomy and model run.';
COMMENT ON COLUMN article_topics.model_version IS 'Classifier version or theme-model run that made the row.';
