-- Recompute topic_day_counts for the publication days $days (a DATE list) and, when $undated, of undated
-- articles, from every row of article_topics (IPTC topics and themes; sql/schema/046 and 049).
DELETE FROM topic_day_counts
WHERE day IN (SELECT unnest($days::DATE[])) OR (day IS NULL AND $undated);
INSERT INTO topic_day_counts BY NAME
SELECT tp.topic_id, a.published_on AS day, count(*) AS articles, sum(tp.score) AS score_sum
FROM articles a
JOIN article_topics tp USING (article_id)
WHERE a.published_on IN (SELECT unnest($days::DATE[])) OR (a.published_on IS NULL AND $undated)
GROUP BY ALL;
