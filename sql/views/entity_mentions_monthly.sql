-- View: entity_mentions_monthly
-- Grain: one row per (month, entity_id) with at least one story mention that month, summed from entity_day_counts
-- (boilerplate methods left out, as in entity_mentions_daily; before migration 045 they were counted here).
CREATE OR REPLACE VIEW entity_mentions_monthly AS
SELECT CAST(date_trunc('month', c.day) AS DATE) AS month, c.entity_id, e.type, e.name,
       CAST(sum(c.mentions) AS BIGINT) AS mentions, CAST(sum(c.articles) AS BIGINT) AS articles
FROM entity_day_counts c
JOIN entities e USING (entity_id)
GROUP BY ALL;
COMMENT ON VIEW entity_mentions_monthly IS 'Mentions of each entity per month (only months with mentions; left-join calendar_days for zeros), boilerplate (outlet, reporters, lead) left out.';
COMMENT ON COLUMN entity_mentions_monthly.month IS 'First day of the month.';
COMMENT ON COLUMN entity_mentions_monthly.entity_id IS 'The entity (entities.entity_id).';
COMMENT ON COLUMN entity_mentions_monthly.type IS 'PER, LOC or ORG.';
COMMENT ON COLUMN entity_mentions_monthly.name IS 'Display name of the entity (entities.name).';
COMMENT ON COLUMN entity_mentions_monthly.mentions IS 'Mentions of the entity in articles published that month.';
COMMENT ON COLUMN entity_mentions_monthly.articles IS 'Distinct articles published that month mentioning the entity.';
