-- View: entity_mentions_daily
-- Grain: one row per (day, entity_id): mentions and distinct articles mentioning the entity that day.
-- Boilerplate mentions (the outlet and its reporters in datelines and leads: methods source, byline,
-- boilerplate, dateline) are left out: they would top every ranking. Query entity_mentions for all rows.
CREATE OR REPLACE VIEW entity_mentions_daily AS
SELECT a.published_on AS day, m.entity_id, e.type, e.name,
       count(*) AS mentions, count(DISTINCT m.article_id) AS articles
FROM entity_mentions m
JOIN articles a USING (article_id)
JOIN entities e USING (entity_id)
WHERE m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline')
GROUP BY ALL;
COMMENT ON VIEW entity_mentions_daily IS 'Mentions of each entity per publication day (who/where/which organisation was in the news when), boilerplate (outlet, reporters, lead) left out.';
