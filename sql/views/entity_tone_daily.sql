-- View: entity_tone_daily
-- Grain: one row per (day, entity_id): the tone of the sentences mentioning the entity, by publication day.
-- Boilerplate mentions (outlet, reporters) and one-character abbreviations (migration 091) are left out; a sentence
-- mentioning the entity twice counts once.
CREATE OR REPLACE VIEW entity_tone_daily AS
-- Sentences do not overlap, so a mention lies in the last sentence starting at or before it, if that one has not
-- ended: an ASOF join finds it by sorting, where a range join on article_id paired every mention with every
-- sentence of its article (14 s for the country example at 1 M articles).
WITH mention_sentences AS (
    SELECT DISTINCT m.entity_id, s.article_id, s.start, s.positive, s.negative, s.polarity
    FROM entity_mentions m
    ASOF JOIN sentence_tone s ON s.article_id = m.article_id AND m.start >= s.start
    WHERE m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline', 'abbreviation') AND m.start < s."end"
)
SELECT a.published_on AS day, x.entity_id, e.type, e.name, e.geo_level, e.country_code,
       count(*) AS sentences, count(DISTINCT x.article_id) AS articles,
       sum(x.positive) AS positive, sum(x.negative) AS negative,
       CASE WHEN sum(x.positive) + sum(x.negative) > 0
            THEN (sum(x.positive) - sum(x.negative)) / (sum(x.positive) + sum(x.negative)) ELSE 0 END AS polarity
FROM mention_sentences x
JOIN articles a USING (article_id)
JOIN entities e USING (entity_id)
WHERE a.published_on IS NOT NULL
GROUP BY ALL;
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
