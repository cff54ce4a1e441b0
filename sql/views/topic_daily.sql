-- View: topic_daily
-- Grain: one row per (day, topic_id): articles assigned the topic that day. Discovered themes come from the latest run only.
CREATE OR REPLACE VIEW topic_daily AS
WITH latest_theme_run AS (
    SELECT model_version AS version FROM theme_runs ORDER BY run_no DESC LIMIT 1
)
SELECT a.published_on AS day, t.taxonomy, t.topic_id, t.code, t.label, t.label_zh,
       count(DISTINCT tp.article_id) AS articles, avg(tp.score) AS mean_score
FROM article_topics tp
JOIN articles a USING (article_id)
JOIN topics t USING (topic_id)
WHERE t.taxonomy = 'iptc' OR t.model_version = (SELECT version FROM latest_theme_run)
GROUP BY ALL;
COMMENT ON VIEW topic_daily IS 'Articles per day and topic: how attention to weather, crime or the economy moved over time.';
