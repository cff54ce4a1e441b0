-- Table: entity_mentions
-- Grain: one row per entity mention (article_id, start, end): a span of article text.
CREATE TABLE IF NOT EXISTS entity_mentions (
    article_id        VARCHAR NOT NULL,
    entity_id         VARCHAR NOT NULL,
    type              VARCHAR NOT NULL,
    surface           VARCHAR NOT NULL,
    start             INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    method            VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL
);
COMMENT ON TABLE entity_mentions IS 'One row per entity mention (grain: article_id, start, end). Offsets index the article text title || chr(10) || body.';
COMMENT ON COLUMN entity_mentions.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN entity_mentions.entity_id IS 'The entity mentioned (entities.entity_id).';
COMMENT ON COLUMN entity_mentions.type IS 'PER, LOC or ORG.';
COMMENT ON COLUMN entity_mentions.surface IS 'The text as written; equals substring(title || chr(10) || body, start + 1, end - start).';
COMMENT ON COLUMN entity_mentions.start IS '0-based character offset of the first character in title || chr(10) || body.';
COMMENT ON COLUMN entity_mentions."end" IS 'Exclusive 0-based character offset of the end of the mention.';
COMMENT ON COLUMN entity_mentions.method IS 'model: the sequence labeller; dateline: agency (ORG) or reporter (PER) read from the dateline; nested: the institution at the head of a longer organisation name (台州学院 in 台州学院建筑工程学院).';
COMMENT ON COLUMN entity_mentions.extractor_version IS 'Version of the entity extractor (model + rules) that made the row.';
