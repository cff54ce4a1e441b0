-- View: entity_tone_daily
-- Grain: one row per (day, entity_id): the tone of the sentences mentioning the entity, by publication day.
-- Boilerplate mentions (outlet, reporters) and one-character abbreviations (migration 091) are left out; a sentence
-- mentioning the entity twice counts once.
CREATE OR REPLACE VIEW entity_tone_daily AS
-- Reads entity_tone_day (migration 160), which the steps keep equal to the ASOF join of entity_mentions to
-- sentence_tone grouped by entity and publication day: that join, run on every query, took 7 s for the country
-- example at 1 M articles.
SELECT t.day, t.entity_id, e.type, e.name, e.geo_level, e.country_code,
       t.sentences, t.articles, t.positive, t.negative,
       CASE WHEN t.positive + t.negative > 0
            THEN (t.positive - t.negative) / (t.positive + t.negative) ELSE 0 END AS polarity
FROM entity_tone_day t
JOIN entities e USING (entity_id);
COMMENT ON VIEW entity_tone_daily IS 'Tone around an entity per publication day: the sentences that mention it (only days with mentions). Countries: WHERE geo_level = ''country''.';
COMMENT ON COLUMN entity_tone_daily.day IS 'Publication day of the articles.';
COMMENT ON COLUMN entity_tone_daily.entity_id IS 'The entity (entities.entity_id).';
COMMENT ON COLUMN entity_tone_daily.type IS 'PER, LOC or ORG.';
COMMENT ON COLUMN entity_tone_daily.name IS 'Display name of the entity.';
COMMENT ON COLUMN entity_tone_daily.geo_level IS 'country, province, city … for resolved places (entities.geo_level); filter country for tone by country.';
COMMENT ON COLUMN entity_tone_daily.country_code IS 'ISO country of a resolved place.';
COMMENT ON COLUMN entity_tone_daily.sentences IS 'Sentences mentioning the entity that day.';
COMMENT ON COLUMN entity_tone_daily.articles IS 'Distinct articles with such a sentence.';
COMMENT ON COLUMN entity_tone_daily.positive IS 'Sum of the sentences'' positive scores (sentence_tone.positive).';
COMMENT ON COLUMN entity_tone_daily.negative IS 'Sum of the sentences'' negative scores.';
COMMENT ON COLUMN entity_tone_daily.polarity IS '(positive - negative) / (positive + negative) over the day''s sentences, in [-1, 1]; 0 without sentiment words.';
