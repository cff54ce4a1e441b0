-- View: entity_story_daily
-- Grain: one row per (day, entity_id): the story-level option of entity_mentions_daily.
-- Every airing counts: an article re-aired on another day counts on that day too.
CREATE OR REPLACE VIEW entity_story_daily AS
SELECT a.published_on AS day, m.entity_id, e.type, e.name,
       count(DISTINCT coalesce(c.cluster_id, a.article_id)) AS stories,
       count(DISTINCT m.article_id) AS articles
FROM entity_mentions m
JOIN (  -- every day each article was published (its airings, article_occurrences.published_on)
    SELECT DISTINCT a.article_id, coalesce(o.published_on, a.published_on) AS published_on
    FROM articles a LEFT JOIN article_occurrences o USING (article_id)
) a USING (article_id)
LEFT JOIN article_clusters c USING (article_id)
JOIN entities e USING (entity_id)
GROUP BY ALL;
COMMENT ON VIEW entity_story_daily IS 'Stories mentioning each entity per day: entity_mentions_daily counting each story once.';
COMMENT ON COLUMN entity_story_daily.day IS 'Publication day of an airing: an article re-aired on another day counts on that day too.';
COMMENT ON COLUMN entity_story_daily.entity_id IS 'entities.entity_id.';
COMMENT ON COLUMN entity_story_daily.type IS 'PER, LOC or ORG.';
COMMENT ON COLUMN entity_story_daily.name IS 'Display name of the entity.';
COMMENT ON COLUMN entity_story_daily.stories IS 'Distinct stories mentioning the entity that day.';
COMMENT ON COLUMN entity_story_daily.articles IS 'Distinct articles mentioning the entity that day (what entity_mentions_daily counts).';
