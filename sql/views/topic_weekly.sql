-- View: topic_weekly
-- Grain: one row per (week, topic_id), every week between the first and last publication day (0 when none).
CREATE OR REPLACE VIEW topic_weekly AS
SELECT CAST(date_trunc('week', day) AS DATE) AS week, taxonomy, topic_id, code, label, label_zh,
       sum(articles) AS articles
FROM topic_daily
GROUP BY ALL;
COMMENT ON VIEW topic_weekly IS 'Articles per week and topic (IPTC and the latest discovered themes); zero when none.';
COMMENT ON COLUMN topic_weekly.week IS 'Monday of the ISO week.';
COMMENT ON COLUMN topic_weekly.taxonomy IS 'iptc or discovered.';
COMMENT ON COLUMN topic_weekly.topic_id IS 'The topic (topics.topic_id).';
COMMENT ON COLUMN topic_weekly.code IS 'IPTC code or theme number (topics.code).';
COMMENT ON COLUMN topic_weekly.label IS 'English label (topics.label).';
COMMENT ON COLUMN topic_weekly.label_zh IS 'Chinese label (topics.label_zh).';
COMMENT ON COLUMN topic_weekly.articles IS 'Sum over the week of the daily distinct-article counts (an article is dated one day, so this counts it once).';
