-- View: topic_monthly
-- Grain: one row per (month, topic_id), every month between the first and last publication day (0 when none).
CREATE OR REPLACE VIEW topic_monthly AS
SELECT CAST(date_trunc('month', day) AS DATE) AS month, taxonomy, topic_id, code, label, label_zh,
       sum(articles) AS articles
FROM topic_daily
GROUP BY ALL;
COMMENT ON VIEW topic_monthly IS 'Articles per month and topic (IPTC and the latest discovered themes); zero when none.';
COMMENT ON COLUMN topic_monthly.month IS 'First day of the month.';
COMMENT ON COLUMN topic_monthly.taxonomy IS 'iptc or discovered.';
COMMENT ON COLUMN topic_monthly.topic_id IS 'The topic (topics.topic_id).';
COMMENT ON COLUMN topic_monthly.code IS 'IPTC code or theme number (topics.code).';
COMMENT ON COLUMN topic_monthly.label IS 'English label (topics.label).';
COMMENT ON COLUMN topic_monthly.label_zh IS 'Chinese label (topics.label_zh).';
COMMENT ON COLUMN topic_monthly.articles IS 'Sum over the month of the daily distinct-article counts (an article is dated one day, so this counts it once).';
