-- Table: entities
-- Grain: one row per real-world entity (entity_id) across the whole corpus.
CREATE TABLE IF NOT EXISTS entities (
    entity_id         VARCHAR NOT NULL,
    type              VARCHAR NOT NULL,
    name              VARCHAR NOT NULL,
    canonical_key     VARCHAR NOT NULL,
    country_code      VARCHAR,
    adcode            VARCHAR,
    province          VARCHAR,
    city              VARCHAR,
    county            VARCHAR,
    longitude         DOUBLE,
    latitude          DOUBLE,
    geo_level         VARCHAR,
    extractor_version VARCHAR NOT NULL
);
COMMENT ON TABLE entities IS 'One row per real-world entity (grain: entity_id): people, places, organisations. Surface forms are in entity_aliases, mentions in entity_mentions.';
COMMENT ON COLUMN entities.entity_id IS 'Stable id: first 16 hex chars of SHA-1 of type:canonical_key.';
COMMENT ON COLUMN entities.type IS 'PER, LOC or ORG.';
COMMENT ON COLUMN entities.name IS 'Display name: the official full name for geocoded places (台州市), else the normalised surface.';
COMMENT ON COLUMN entities.canonical_key IS 'What mentions are merged on: CN:<adcode>, XX:<ISO country>, CITY:<ISO>:<name> for resolved places, else the NFKC-normalised surface.';
COMMENT ON COLUMN entities.country_code IS 'ISO 3166-1 alpha-2 country of a resolved place (CN for Chinese divisions); NULL otherwise.';
COMMENT ON COLUMN entities.adcode IS 'Chinese administrative division code (cpca data, pre-2018 codes); NULL outside China or unresolved.';
COMMENT ON COLUMN entities.province IS 'Province of a resolved Chinese place.';
COMMENT ON COLUMN entities.city IS 'Prefecture-level city of a resolved Chinese place.';
COMMENT ON COLUMN entities.county IS 'County-level division of a resolved Chinese place.';
COMMENT ON COLUMN entities.longitude IS 'Approximate longitude (WGS84) of a resolved place; NULL when unknown.';
COMMENT ON COLUMN entities.latitude IS 'Approximate latitude (WGS84) of a resolved place; NULL when unknown.';
COMMENT ON COLUMN entities.geo_level IS 'country, province, city, county or world_city for resolved places; NULL otherwise.';
COMMENT ON COLUMN entities.extractor_version IS 'Version of the entity extractor (model + rules) that made the row.';
