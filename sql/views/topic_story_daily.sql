-- View: topic_story_daily
-- Grain: one row per (day, topic_id): the story-level option of topic_daily (stories, not copies).
-- Every airing counts: an article re-aired on another day counts on that day too.
CREATE OR REPLACE VIEW topic_story_daily AS
WITH latest_theme_run AS (
    SELECT model_version AS version FROM theme_runs ORDER BY run_no DESC LIMIT 1
)
SELECT a.published_on AS day, t.taxonomy, t.topic_id, t.code, t.label, t.label_zh,
       count(DISTINCT coalesce(c.cluster_id, a.article_id)) AS stories,
       count(DISTINCT tp.article_id) AS articles
FROM article_topics tp
JOIN (  -- every day each article was published (its airings, article_occurrences.published_on)
    SELECT DISTINCT a.article_id, coalesce(o.published_on, a.published_on) AS published_on
    FROM articles a LEFT JOIN article_occurrences o USING (article_id)
) a USING (article_id)
LEFT JOIN article_clusters c USING (article_id)
JOIN topics t USING (topic_id)
WHERE t.taxonomy = 'iptc' OR t.model_version = (SELECT version FROM latest_theme_run)
GROUP BY ALL;
COMMENT ON VIEW topic_story_daily IS 'Stories per day and topic: topic_daily counting each story once however many copies carried it.';
COMMENT ON COLUMN topic_story_daily.day IS 'Publication day of an airing: an article re-aired on another day counts on that day too.';
COMMENT ON COLUMN topic_story_daily.taxonomy IS 'iptc or discovered (latest theme run only).';
COMMENT ON COLUMN topic_story_daily.topic_id IS 'topics.topic_id.';
COMMENT ON COLUMN topic_story_daily.code IS 'Topic code (IPTC medtop code or theme number).';
COMMENT ON COLUMN topic_story_daily.label IS 'English label.';
COMMENT ON COLUMN topic_story_daily.label_zh IS 'Chinese label.';
COMMENT ON COLUMN topic_story_daily.stories IS 'Distinct stories (article_clusters.cluster_id) with the topic that day.';
COMMENT ON COLUMN topic_story_daily.articles IS 'Distinct articles with the topic that day (what topic_daily counts).';
