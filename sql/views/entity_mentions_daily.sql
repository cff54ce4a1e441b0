-- View: entity_mentions_daily
-- Grain: one row per (day, entity_id): mentions and distinct articles mentioning the entity that day.
-- Boilerplate mentions (the outlet and its reporters in datelines and leads: methods source, byline,
-- boilerplate, dateline) are left out: they would top every ranking. Query entity_mentions for all rows.
CREATE OR REPLACE VIEW entity_mentions_daily AS
SELECT c.day, c.entity_id, e.type, e.name, c.mentions, c.articles
FROM entity_day_counts c
JOIN entities e USING (entity_id);
COMMENT ON VIEW entity_mentions_daily IS 'Mentions of each entity per publication day (who/where/which organisation was in the news when), boilerplate (outlet, reporters, lead) left out.';
COMMENT ON COLUMN entity_mentions_daily.day IS 'Publication day of the mentioning articles, every airing counted (an article re-aired on another day counts on that day too). Only days with mentions: a zero-filled calendar per entity would be ~50x larger (5.5 M rows on the bench); left-join calendar_days for a zero-filled series of one entity.';
COMMENT ON COLUMN entity_mentions_daily.entity_id IS 'The entity (entities.entity_id).';
COMMENT ON COLUMN entity_mentions_daily.type IS 'PER, LOC or ORG.';
COMMENT ON COLUMN entity_mentions_daily.name IS 'Display name of the entity (entities.name).';
COMMENT ON COLUMN entity_mentions_daily.mentions IS 'Mentions of the entity in articles published that day.';
COMMENT ON COLUMN entity_mentions_daily.articles IS 'Distinct articles published (or re-aired) that day mentioning the entity.';
