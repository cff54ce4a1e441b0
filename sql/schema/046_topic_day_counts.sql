-- Table: topic_day_counts
-- Grain: one row per (topic_id, day) with at least one IPTC assignment: an aggregate of article_topics (IPTC rows
-- only) joined to articles.published_on. Kept equal to the full GROUP BY (sql/load/refresh_topic_day_counts.sql)
-- by the steps that write IPTC assignments or move/delete articles. Discovered themes are not in it: each theme
-- run re-assigns them, and topic_daily reads the latest run's rows directly.
CREATE TABLE IF NOT EXISTS topic_day_counts (
    topic_id  VARCHAR NOT NULL,
    day       DATE,
    articles  BIGINT NOT NULL,
    score_sum DOUBLE NOT NULL
);
COMMENT ON TABLE topic_day_counts IS 'IPTC topic assignments per topic and publication day (grain: topic_id, day): a small aggregate of article_topics that topic_daily and the topic examples read instead of the assignment table. Recomputed, per touched day, in the same transaction as every write of IPTC assignments or of article dates.';
COMMENT ON COLUMN topic_day_counts.topic_id IS 'The IPTC topic (topics.topic_id, iptc:...).';
COMMENT ON COLUMN topic_day_counts.day IS 'Publication day of the articles (articles.published_on); NULL for articles without a date.';
COMMENT ON COLUMN topic_day_counts.articles IS 'Articles published that day assigned the topic (any rank; one row per article and topic in article_topics).';
COMMENT ON COLUMN topic_day_counts.score_sum IS 'Sum of the assignment scores of those articles: score_sum / articles is their mean score.';
INSERT INTO topic_day_counts (topic_id, day, articles, score_sum)
SELECT tp.topic_id, a.published_on, count(*), sum(tp.score)
FROM article_topics tp JOIN articles a USING (article_id)
WHERE tp.topic_id LIKE 'iptc:%'
GROUP BY ALL;
