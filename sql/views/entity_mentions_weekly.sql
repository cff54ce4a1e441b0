-- View: entity_mentions_weekly
-- Grain: one row per (week, entity_id) with at least one story mention that week, summed from entity_day_counts
-- (boilerplate methods left out, as in entity_mentions_daily; before migration 045 they were counted here).
CREATE OR REPLACE VIEW entity_mentions_weekly AS
SELECT CAST(date_trunc('week', c.day) AS DATE) AS week, c.entity_id, e.type, e.name,
       CAST(sum(c.mentions) AS BIGINT) AS mentions, CAST(sum(c.articles) AS BIGINT) AS articles
FROM entity_day_counts c
JOIN entities e USING (entity_id)
GROUP BY ALL;
COMMENT ON VIEW entity_mentions_weekly IS 'Mentions of each entity per week (only weeks with mentions; left-join calendar_days for zeros), boilerplate (outlet, reporters, lead) left out.';
COMMENT ON COLUMN entity_mentions_weekly.week IS 'Monday of the ISO week.';
COMMENT ON COLUMN entity_mentions_weekly.entity_id IS 'The entity (entities.entity_id).';
COMMENT ON COLUMN entity_mentions_weekly.type IS 'PER, LOC or ORG.';
COMMENT ON COLUMN entity_mentions_weekly.name IS 'Display name of the entity (entities.name).';
COMMENT ON COLUMN entity_mentions_weekly.mentions IS 'Mentions of the entity in articles published that week.';
COMMENT ON COLUMN entity_mentions_weekly.articles IS 'Distinct articles published that week mentioning the entity.';
