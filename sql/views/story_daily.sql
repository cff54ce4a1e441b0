-- View: story_daily
-- Grain: one row per publication day (day): stories counted once, next to the copies that carried them.
CREATE OR REPLACE VIEW story_daily AS
WITH membership AS (  -- one row per (article, day it was published): every airing counts
    SELECT DISTINCT a.article_id, coalesce(o.published_on, a.published_on) AS published_on,
           coalesce(c.cluster_id, a.article_id) AS cluster_id
    FROM articles a
    LEFT JOIN article_occurrences o USING (article_id)
    LEFT JOIN article_clusters c USING (article_id)
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
COMMENT ON COLUMN story_daily.day IS 'Publication day of an airing (article_occurrences.published_on): a re-aired story counts on each day it was published.';
COMMENT ON COLUMN story_daily.stories IS 'Distinct stories with at least one copy published that day.';
COMMENT ON COLUMN story_daily.new_stories IS 'Stories whose first copy or airing was published that day.';
COMMENT ON COLUMN story_daily.articles IS 'Articles published that day, re-airings included (what articles_daily counts, summed over sources and kinds).';
COMMENT ON COLUMN story_daily.repeat_copies IS 'articles - stories: copies beyond the first of a story that day.';
