-- Keys written by the entity step that occur more than once for the given articles and the entities they mention.
-- DuckLake has no primary key: the loaders delete and insert per article in one transaction, so a duplicate means a
-- loader bug or racing writers.
-- Each row: `violations` (all of them, counted before the LIMIT), then the table, the key and how many rows hold it.
WITH run_articles AS (SELECT unnest($article_ids::VARCHAR[]) AS article_id),
run_entities AS (
    SELECT DISTINCT entity_id FROM entity_mentions WHERE article_id IN (SELECT article_id FROM run_articles)
),
found AS (
    SELECT 'entity_mentions' AS table_name, concat_ws(' ', article_id, start, "end") AS key, count(*) AS copies
    FROM entity_mentions WHERE article_id IN (SELECT article_id FROM run_articles)
    GROUP BY article_id, start, "end" HAVING count(*) > 1
    UNION ALL
    SELECT 'amounts', concat_ws(' ', article_id, start, "end"), count(*)
    FROM amounts WHERE article_id IN (SELECT article_id FROM run_articles)
    GROUP BY article_id, start, "end" HAVING count(*) > 1
    UNION ALL
    SELECT 'dates_mentioned', concat_ws(' ', article_id, start, "end"), count(*)
    FROM dates_mentioned WHERE article_id IN (SELECT article_id FROM run_articles)
    GROUP BY article_id, start, "end" HAVING count(*) > 1
    UNION ALL
    SELECT 'entities', entity_id, count(*)
    FROM entities WHERE entity_id IN (SELECT entity_id FROM run_entities) GROUP BY entity_id HAVING count(*) > 1
    UNION ALL
    SELECT 'entity_aliases', concat_ws(' ', entity_id, alias), count(*)
    FROM entity_aliases WHERE entity_id IN (SELECT entity_id FROM run_entities)
    GROUP BY entity_id, alias HAVING count(*) > 1
    UNION ALL
    SELECT 'entity_day_counts', concat_ws(' ', entity_id, day), count(*)
    FROM entity_day_counts WHERE entity_id IN (SELECT entity_id FROM run_entities)
    GROUP BY entity_id, day HAVING count(*) > 1
    UNION ALL
    SELECT 'entity_tone_day', concat_ws(' ', entity_id, day), count(*)
    FROM entity_tone_day WHERE entity_id IN (SELECT entity_id FROM run_entities)
    GROUP BY entity_id, day HAVING count(*) > 1
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
