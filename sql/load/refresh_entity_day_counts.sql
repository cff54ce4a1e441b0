-- Recompute entity_day_counts for the publication days $days (a DATE list) and, when $undated, of undated
-- articles, from entity_mentions, so the rows of those days equal the full GROUP BY whatever was there before.
-- Same filter as sql/schema/045_entity_day_counts.sql, and one-character abbreviations (migration 091) left out;
-- days are airing days (migration 111): an article re-aired on another day counts, with its mentions, on that day too.
DELETE FROM entity_day_counts
WHERE day IN (SELECT unnest($days::DATE[])) OR (day IS NULL AND $undated);
INSERT INTO entity_day_counts BY NAME
WITH airings AS (  -- one row per (article, day it was published); an article without occurrences: its own day
    SELECT DISTINCT a.article_id, coalesce(o.published_on, a.published_on) AS day
    FROM articles a LEFT JOIN article_occurrences o USING (article_id)
)
SELECT m.entity_id, w.day, count(*) AS mentions, count(DISTINCT m.article_id) AS articles
FROM airings w
JOIN entity_mentions m USING (article_id)
WHERE (w.day IN (SELECT unnest($days::DATE[])) OR (w.day IS NULL AND $undated))
  AND m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline', 'abbreviation')
GROUP BY ALL;
