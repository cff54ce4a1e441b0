-- View: story_daily
-- Grain: one row per publication day (day): stories counted once, next to the copies that carried them.
CREATE OR REPLACE VIEW story_daily AS
WITH membership AS (
    SELECT a.article_id, a.published_on, coalesce(c.cluster_id, a.article_id) AS cluster_id
    FROM articles a LEFT JOIN article_clusters c USING (article_id)
),
first_day AS (
    SELECT cluster_id, min(published_on) AS day FROM membership GROUP BY cluster_id
)
SELECT m.published_on AS day,
       count(DISTINCT m.cluster_id) AS stories,
       count(DISTINCT m.cluster_id) FILTER (WHERE f.day = m.published_on) AS new_stories,
       count(*) AS articles,
       count(*) - count(DISTINCT m.cluster_id) AS repeat_copies
FROM membership m
JOIN first_day f USING (cluster_id)
GROUP BY m.published_on;
COMMENT ON VIEW story_daily IS 'Stories per publication day, counted once however many copies carried them.';
COMMENT ON COLUMN story_daily.day IS 'Publication day (articles.published_on).';
COMMENT ON COLUMN story_daily.stories IS 'Distinct stories with at least one copy published that day.';
COMMENT ON COLUMN story_daily.new_stories IS 'Stories whose first copy was published that day.';
COMMENT ON COLUMN story_daily.articles IS 'Articles whose articles.published_on (the day of the occurrence loaded first) is that day; articles_daily also counts re-airings (first_airings there is the closest figure).';
COMMENT ON COLUMN story_daily.repeat_copies IS 'articles - stories: copies beyond the first of a story that day.';
