-- Recompute entity_day_counts for the publication days $days (a DATE list) and, when $undated, of undated
-- articles, from entity_mentions, so the rows of those days equal the full GROUP BY whatever was there before.
-- Same filter as sql/schema/045_entity_day_counts.sql, and one-character abbreviations (migration 091) left out;
-- days are airing days (migration 111): an article re-aired on another day counts, with its mentions, on that day too.
-- The airings are those aggregates.refresh_days set aside for the same $days and $undated just before
-- (load/airings_of_days.sql).
DELETE FROM entity_day_counts
WHERE day IN (SELECT unnest($days::DATE[])) OR (day IS NULL AND $undated);
INSERT INTO entity_day_counts BY NAME
SELECT m.entity_id, w.day, count(*) AS mentions, count(DISTINCT m.article_id) AS articles
FROM temp.airings_of_days w
JOIN entity_mentions m USING (article_id)
WHERE m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline', 'abbreviation')
GROUP BY ALL;
