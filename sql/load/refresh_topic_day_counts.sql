-- Recompute topic_day_counts for the publication days $days (a DATE list) and, when $undated, of undated
-- articles, from every row of article_topics (IPTC topics and themes; sql/schema/046 and 049). Days are airing
-- days (migration 111): an article re-aired on another day counts on that day too.
DELETE FROM topic_day_counts
WHERE day IN (SELECT unnest($days::DATE[])) OR (day IS NULL AND $undated);
INSERT INTO topic_day_counts BY NAME
WITH airings AS (  -- one row per (article, day it was published); an article without occurrences: its own day
    SELECT DISTINCT a.article_id, coalesce(o.published_on, a.published_on) AS day
    FROM articles a LEFT JOIN article_occurrences o USING (article_id)
)
SELECT tp.topic_id, w.day, count(*) AS articles, sum(tp.score) AS score_sum
FROM airings w
JOIN article_topics tp USING (article_id)
WHERE w.day IN (SELECT unnest($days::DATE[])) OR (w.day IS NULL AND $undated)
GROUP BY ALL;
