-- Migration: every row carries the version of what made it; occurrences and aliases lacked one.
ALTER TABLE article_occurrences ADD COLUMN IF NOT EXISTS extractor_version VARCHAR;
COMMENT ON COLUMN article_occurrences.extractor_version IS 'Version of the parser that produced this row.';
ALTER TABLE entity_aliases ADD COLUMN IF NOT EXISTS extractor_version VARCHAR;
COMMENT ON COLUMN entity_aliases.extractor_version IS 'Version of the entity extractor that first saw this alias.';
