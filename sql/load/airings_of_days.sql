-- The (article, day) airings of the publication days $days (a DATE list) and, when $undated, of undated articles,
-- set aside in a temporary table that the day-count refreshes join (refresh_entity_day_counts.sql,
-- refresh_topic_day_counts.sql; pipelines/warehouse/aggregates.py runs this first, once for both).
-- Why a table and not a CTE: inside the load's transaction, after its own writes to a big table, DuckLake estimates
-- that table at a few thousand rows (17,000 for 9.9 M mentions at 1 M articles), so a join to a CTE estimated at
-- 200,000 rows built its hash table on every mention (1.2 s, +526 MB); a table of known size is the side that gets
-- built (0.4 s, +10 MB). It is replaced by the next refresh and goes with the connection.
CREATE OR REPLACE TEMP TABLE airings_of_days AS
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
