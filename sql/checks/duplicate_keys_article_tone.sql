-- Keys written by the tone step that occur more than once for the given articles. DuckLake has no primary key: the
-- loader deletes and inserts per article in one transaction, so a duplicate means a loader bug or racing writers.
-- Each row: `violations` (all of them, counted before the LIMIT), then the table, the key and how many rows hold it.
WITH run_articles AS (SELECT unnest($article_ids::VARCHAR[]) AS article_id),
run_entities AS (
    SELECT DISTINCT entity_id FROM entity_mentions WHERE article_id IN (SELECT article_id FROM run_articles)
),
found AS (
    SELECT 'article_tone' AS table_name, article_id AS key, count(*) AS copies
    FROM article_tone WHERE article_id IN (SELECT article_id FROM run_articles)
    GROUP BY article_id HAVING count(*) > 1
    UNION ALL
    SELECT 'sentence_tone', concat_ws(' ', article_id, start, "end"), count(*)
    FROM sentence_tone WHERE article_id IN (SELECT article_id FROM run_articles)
    GROUP BY article_id, start, "end" HAVING count(*) > 1
    UNION ALL
    SELECT 'entity_tone_day', concat_ws(' ', entity_id, day), count(*)
    FROM entity_tone_day WHERE entity_id IN (SELECT entity_id FROM run_entities)
    GROUP BY entity_id, day HAVING count(*) > 1
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
