-- Table: topics
-- Grain: one row per topic (topic_id): the 17 IPTC top-level Media Topics and every discovered theme of every theme-model run.
CREATE TABLE IF NOT EXISTS topics (
    topic_id      VARCHAR NOT NULL,
    taxonomy      VARCHAR NOT NULL,
    code          VARCHAR NOT NULL,
    label         VARCHAR NOT NULL,
    label_zh      VARCHAR,
    top_terms     VARCHAR[],
    model_version VARCHAR NOT NULL
);
COMMENT ON TABLE topics IS 'One row per topic (grain: topic_id): IPTC Media Topics (taxonomy iptc) and discovered themes (taxonomy discovered, one set per theme-model run).';
COMMENT ON COLUMN topics.topic_id IS 'iptc:medtop:NNNNNNNN for IPTC topics; <model_version>:<theme_no> for discovered themes.';
COMMENT ON COLUMN topics.taxonomy IS 'iptc or discovered.';
COMMENT ON COLUMN topics.code IS 'IPTC code (medtop:17000000) or the theme number within its model run.';
COMMENT ON COLUMN topics.label IS 'English IPTC name, or a readable label of a discovered theme (its top terms).';
COMMENT ON COLUMN topics.label_zh IS 'Chinese label of an IPTC topic; NULL for discovered themes.';
COMMENT ON COLUMN topics.top_terms IS 'Top terms of a discovered theme; NULL for IPTC topics.';
COMMENT ON COLUMN topics.model_version IS 'Classifier version (iptc) or theme-model run (discovered) that defined the topic.';
