-- Migration: the day aggregates count every airing (issue 25). entity_day_counts and topic_day_counts were keyed
-- by articles.published_on (the day of the occurrence loaded first); they are now keyed by each day an article
-- was published (article_occurrences.published_on, migration 110), so an article re-aired on another day counts,
-- with its mentions and topics, on that day too. Recomputed here from the base tables, with the filters of
-- 045/046/049 and 091 (abbreviations left out); the steps keep them so (sql/load/refresh_*_day_counts.sql,
-- add_theme_day_counts.sql).
-- Grains unchanged: one row per (entity_id, day) and per (topic_id, day).
DELETE FROM entity_day_counts;
INSERT INTO entity_day_counts (entity_id, day, mentions, articles)
SELECT m.entity_id, w.day, count(*), count(DISTINCT m.article_id)
FROM (
    SELECT DISTINCT a.article_id, coalesce(o.published_on, a.published_on) AS day
    FROM articles a LEFT JOIN article_occurrences o USING (article_id)
) w
JOIN entity_mentions m USING (article_id)
WHERE m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline', 'abbreviation')
GROUP BY ALL;
DELETE FROM topic_day_counts;
INSERT INTO topic_day_counts (topic_id, day, articles, score_sum)
SELECT tp.topic_id, w.day, count(*), sum(tp.score)
FROM (
    SELECT DISTINCT a.article_id, coalesce(o.published_on, a.published_on) AS day
    FROM articles a LEFT JOIN article_occurrences o USING (article_id)
) w
JOIN article_topics tp USING (article_id)
GROUP BY ALL;
COMMENT ON COLUMN entity_day_counts.day IS 'A day the articles were published: every airing counts (article_occurrences.published_on; an article re-aired on another day counts on that day too); NULL for undated articles.';
COMMENT ON COLUMN topic_day_counts.day IS 'A day the articles were published: every airing counts (article_occurrences.published_on; an article re-aired on another day counts on that day too); NULL for undated articles.';
