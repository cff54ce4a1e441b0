-- View: entity_mentions_weekly
-- Grain: one row per (week, entity_id) with at least one mention that week.
CREATE OR REPLACE VIEW entity_mentions_weekly AS
SELECT CAST(date_trunc('week', a.published_on) AS DATE) AS week, m.entity_id, e.type, e.name,
       count(*) AS mentions, count(DISTINCT m.article_id) AS articles
FROM entity_mentions m
JOIN articles a USING (article_id)
JOIN entities e USING (entity_id)
GROUP BY ALL;
COMMENT ON VIEW entity_mentions_weekly IS 'Mentions of each entity per week (only weeks with mentions; left-join calendar_days for zeros).';
COMMENT ON COLUMN entity_mentions_weekly.week IS 'Monday of the ISO week.';
COMMENT ON COLUMN entity_mentions_weekly.entity_id IS 'The entity (entities.entity_id).';
COMMENT ON COLUMN entity_mentions_weekly.type IS 'PER, LOC or ORG.';
COMMENT ON COLUMN entity_mentions_weekly.name IS 'Display name of the entity (entities.name).';
COMMENT ON COLUMN entity_mentions_weekly.mentions IS 'Mentions of the entity in articles published that week.';
COMMENT ON COLUMN entity_mentions_weekly.articles IS 'Distinct articles published that week mentioning the entity.';
