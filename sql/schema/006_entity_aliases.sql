-- Table: entity_aliases
-- Grain: one row per (entity_id, alias): each surface form seen for an entity.
CREATE TABLE IF NOT EXISTS entity_aliases (
    entity_id VARCHAR NOT NULL,
    alias     VARCHAR NOT NULL
);
COMMENT ON TABLE entity_aliases IS 'One row per surface form seen for an entity (grain: entity_id, alias): 台州, 台州市 and 浙江台州 all point at one place.';
COMMENT ON COLUMN entity_aliases.entity_id IS 'The entity (entities.entity_id).';
COMMENT ON COLUMN entity_aliases.alias IS 'A surface form found in article text.';
