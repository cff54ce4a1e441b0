-- View: topic_daily
-- Grain: one row per (day, topic_id) for every calendar day from the first to the last publication day and
-- every IPTC topic and theme of the latest discovered-theme run; articles = 0 on days without the topic.
-- Every airing counts: an article re-aired on another day counts on that day too (topic_day_counts, migration 111).
CREATE OR REPLACE VIEW topic_daily AS
WITH latest_theme_run AS (
    SELECT model_version AS version FROM theme_runs ORDER BY run_no DESC LIMIT 1
),
calendar AS (
    SELECT day FROM calendar_days
),
current_topics AS (
    SELECT * FROM topics WHERE taxonomy = 'iptc' OR model_version = (SELECT version FROM latest_theme_run)
),
counts AS (
    -- IPTC topics and themes from the day aggregate (sql/schema/046_topic_day_counts.sql, 049)
    SELECT day, topic_id, articles, score_sum / articles AS mean_score
    FROM topic_day_counts
    WHERE topic_id IN (SELECT topic_id FROM current_topics)
)
SELECT c.day, t.taxonomy, t.topic_id, t.code, t.label, t.label_zh,
       coalesce(n.articles, 0) AS articles, n.mean_score
FROM calendar c
CROSS JOIN current_topics t
LEFT JOIN counts n ON n.day = c.day AND n.topic_id = t.topic_id;
COMMENT ON VIEW topic_daily IS 'Articles per day and topic: how attention to weather, crime or the economy moved over time; every day, zero when none.';
COMMENT ON COLUMN topic_daily.day IS 'Publication day, every airing counted (an article re-aired on another day counts on that day too); days without articles on the topic are present with articles = 0.';
COMMENT ON COLUMN topic_daily.taxonomy IS 'iptc (the 17 IPTC Media Topics) or discovered (themes of the latest theme-model run).';
COMMENT ON COLUMN topic_daily.topic_id IS 'The topic (topics.topic_id).';
COMMENT ON COLUMN topic_daily.code IS 'IPTC code (medtop:...) or theme number (topics.code).';
COMMENT ON COLUMN topic_daily.label IS 'English label (topics.label).';
COMMENT ON COLUMN topic_daily.label_zh IS 'Chinese label (topics.label_zh).';
COMMENT ON COLUMN topic_daily.articles IS 'Distinct articles published (or re-aired) that day assigned the topic (0 on empty days).';
COMMENT ON COLUMN topic_daily.mean_score IS 'Mean assignment score of those articles; NULL on empty days.';
