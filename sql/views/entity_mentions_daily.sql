-- View: entity_mentions_daily
-- Grain: one row per (day, entity_id): mentions and distinct articles mentioning the entity that day.
CREATE OR REPLACE VIEW entity_mentions_daily AS
SELECT a.published_on AS day, m.entity_id, e.type, e.name,
       count(*) AS mentions, count(DISTINCT m.article_id) AS articles
FROM entity_mentions m
JOIN articles a USING (article_id)
JOIN entities e USING (entity_id)
GROUP BY ALL;
COMMENT ON VIEW entity_mentions_daily IS 'Mentions of each entity per publication day (who/where/which organisation was in the news when).';
