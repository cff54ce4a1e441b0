-- Recompute entity_day_counts for the publication days $days (a DATE list) and, when $undated, of undated
-- articles, from entity_mentions, so the rows of those days equal the full GROUP BY whatever was there before.
-- Same filter as sql/schema/045_entity_day_counts.sql, and one-character abbreviations (migration 091) left out.
DELETE FROM entity_day_counts
WHERE day IN (SELECT unnest($days::DATE[])) OR (day IS NULL AND $undated);
INSERT INTO entity_day_counts BY NAME
SELECT m.entity_id, a.published_on AS day, count(*) AS mentions, count(DISTINCT m.article_id) AS articles
FROM articles a
JOIN entity_mentions m USING (article_id)
WHERE (a.published_on IN (SELECT unnest($days::DATE[])) OR (a.published_on IS NULL AND $undated))
  AND m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline', 'abbreviation')
GROUP BY ALL;
