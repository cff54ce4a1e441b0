-- Recompute topic_day_counts for the publication days $days (a DATE list) and, when $undated, of undated
-- articles, from every row of article_topics (IPTC topics and themes; sql/schema/046 and 049). Days are airing
-- days (migration 111): an article re-aired on another day counts on that day too.
-- The airings are set aside in a temporary table first: inside the load's transaction, after its own writes to the
-- big table, DuckLake estimates that table at a few thousand rows (17,000 for 9.9 M mentions at 1 M articles), so a
-- join to a CTE estimated at 200,000 rows built its hash table on every mention (1.2 s, +526 MB); a table of known
-- size is the side that gets built (0.4 s, +10 MB).
CREATE OR REPLACE TEMP TABLE topic_day_counts_airings AS
WITH day_articles AS (
    SELECT article_id, published_on FROM articles
    WHERE published_on IN (SELECT unnest($days::DATE[])) OR (published_on IS NULL AND $undated)
)
-- (article, day) pairs on the given days only, so the cost follows the days, not the warehouse: an occurrence's own
-- day, or its article's day where the occurrence is undated or the article has none
SELECT article_id, published_on AS day
FROM article_occurrences
WHERE published_on IN (SELECT unnest($days::DATE[]))
UNION
SELECT a.article_id, a.published_on AS day
FROM day_articles a
LEFT JOIN (  -- only the occurrences of those articles: a join against every occurrence held them all in memory
    SELECT article_id, published_on FROM article_occurrences
    WHERE article_id IN (SELECT article_id FROM day_articles)
) o USING (article_id)
WHERE o.published_on IS NULL;
DELETE FROM topic_day_counts
WHERE day IN (SELECT unnest($days::DATE[])) OR (day IS NULL AND $undated);
INSERT INTO topic_day_counts BY NAME
SELECT tp.topic_id, w.day, count(*) AS articles, sum(tp.score) AS score_sum
FROM temp.topic_day_counts_airings w
JOIN article_topics tp USING (article_id)
GROUP BY ALL;
DROP TABLE temp.topic_day_counts_airings;
