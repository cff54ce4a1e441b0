INSERT INTO story_bands (band, band_hash, article_id, stories_version)
SELECT band, band_hash, article_id, stories_version FROM incoming_story_bands;
