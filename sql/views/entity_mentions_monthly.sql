-- View: entity_mentions_monthly
-- Grain: one row per (month, entity_id) with at least one mention that month.
CREATE OR REPLACE VIEW entity_mentions_monthly AS
SELECT CAST(date_trunc('month', a.published_on) AS DATE) AS month, m.entity_id, e.type, e.name,
       count(*) AS mentions, count(DISTINCT m.article_id) AS articles
FROM entity_mentions m
JOIN articles a USING (article_id)
JOIN entities e USING (entity_id)
GROUP BY ALL;
COMMENT ON VIEW entity_mentions_monthly IS 'Mentions of each entity per month (only months with mentions; left-join calendar_days for zeros).';
COMMENT ON COLUMN entity_mentions_monthly.month IS 'First day of the month.';
COMMENT ON COLUMN entity_mentions_monthly.entity_id IS 'The entity (entities.entity_id).';
COMMENT ON COLUMN entity_mentions_monthly.type IS 'PER, LOC or ORG.';
COMMENT ON COLUMN entity_mentions_monthly.name IS 'Display name of the entity (entities.name).';
COMMENT ON COLUMN entity_mentions_monthly.mentions IS 'Mentions of the entity in articles published that month.';
COMMENT ON COLUMN entity_mentions_monthly.articles IS 'Distinct articles published that month mentioning the entity.';
