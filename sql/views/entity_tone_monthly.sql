-- View: entity_tone_monthly
-- Grain: one row per (month, entity_id): entity_tone_daily rolled up to months. Tone by country:
-- WHERE geo_level = 'country'.
CREATE OR REPLACE VIEW entity_tone_monthly AS
SELECT CAST(date_trunc('month', day) AS DATE) AS month, entity_id, type, name, geo_level, country_code,
       CAST(sum(sentences) AS BIGINT) AS sentences, CAST(sum(articles) AS BIGINT) AS articles,
       sum(positive) AS positive, sum(negative) AS negative,
       CASE WHEN sum(positive) + sum(negative) > 0
            THEN (sum(positive) - sum(negative)) / (sum(positive) + sum(negative)) ELSE 0 END AS polarity
FROM entity_tone_daily
GROUP BY ALL;
COMMENT ON VIEW entity_tone_monthly IS 'Was coverage of an entity (a country: geo_level = ''country'') warmer or colder: tone of the sentences mentioning it, per month.';
COMMENT ON COLUMN entity_tone_monthly.month IS 'First day of the month.';
COMMENT ON COLUMN entity_tone_monthly.entity_id IS 'The entity (entities.entity_id).';
COMMENT ON COLUMN entity_tone_monthly.type IS 'PER, LOC or ORG.';
COMMENT ON COLUMN entity_tone_monthly.name IS 'Display name of the entity.';
COMMENT ON COLUMN entity_tone_monthly.geo_level IS 'country, province, city … for resolved places.';
COMMENT ON COLUMN entity_tone_monthly.country_code IS 'ISO 3166-1 alpha-2 code of a resolved place.';
COMMENT ON COLUMN entity_tone_monthly.sentences IS 'Sentences mentioning the entity that month.';
COMMENT ON COLUMN entity_tone_monthly.articles IS 'Sum of the daily distinct articles (an article has one publication day, so it counts once).';
COMMENT ON COLUMN entity_tone_monthly.positive IS 'Sum of the sentences'' positive scores.';
COMMENT ON COLUMN entity_tone_monthly.negative IS 'Sum of the sentences'' negative scores.';
COMMENT ON COLUMN entity_tone_monthly.polarity IS '(positive - negative) / (positive + negative), in [-1, 1].';
