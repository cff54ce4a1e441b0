-- Recompute topic_day_counts for the publication days $days (a DATE list) and, when $undated, of undated
-- articles, from every row of article_topics (IPTC topics and themes; sql/schema/046 and 049). Days are airing
-- days (migration 111): an article re-aired on another day counts on that day too.
-- The airings are those aggregates.refresh_days set aside for the same $days and $undated just before
-- (load/airings_of_days.sql).
DELETE FROM topic_day_counts
WHERE day IN (SELECT unnest($days::DATE[])) OR (day IS NULL AND $undated);
INSERT INTO topic_day_counts BY NAME
SELECT tp.topic_id, w.day, count(*) AS articles, sum(tp.score) AS score_sum
FROM temp.airings_of_days w
JOIN article_topics tp USING (article_id)
GROUP BY ALL;
