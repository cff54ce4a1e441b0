-- Table: story_bands
-- Grain: one row per (article_id, band): the article's key in one LSH band (band 0..15) or its opening key (band -1 teaser, -2 other).
-- The similarity index kept in the warehouse: a new dump's articles find their candidates by joining their own
-- keys against this table, never by comparing texts with the whole corpus.
CREATE TABLE IF NOT EXISTS story_bands (
    band            SMALLINT NOT NULL,
    band_hash       BIGINT NOT NULL,
    article_id      VARCHAR NOT NULL,
    stories_version VARCHAR NOT NULL
);
COMMENT ON TABLE story_bands IS 'LSH index of story texts (grain: article_id, band). Articles sharing a (band, band_hash) are candidate copies, verified on their texts.';
COMMENT ON COLUMN story_bands.band IS '0..15: MinHash LSH band over 5-character shingles of the normalised text (3 MinHash values per band); -1 (teaser) / -2 (non-teaser): the first 12 characters of the lead-stripped body; a -1 and a -2 row sharing a hash are teaser -> full candidates.';
COMMENT ON COLUMN story_bands.band_hash IS 'Signed 64-bit BLAKE2b hash of the band''s MinHash values (or of the opening characters for bands -1 and -2).';
COMMENT ON COLUMN story_bands.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN story_bands.stories_version IS 'Version and parameters of the story matcher that wrote the row (e.g. stories-1.0.0+k5b16r3j0.65).';
