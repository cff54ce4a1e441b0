-- Keys written by the theme step that occur more than once: theme runs and topics (small tables, read whole) and the
-- given model run's article rows. DuckLake has no primary key: the loaders delete and insert in one transaction, so
-- a duplicate means a loader bug or racing writers.
-- Each row: `violations` (all of them, counted before the LIMIT), then the table, the key and how many rows hold it.
WITH found AS (
    SELECT 'theme_runs' AS table_name, model_version AS key, count(*) AS copies
    FROM theme_runs GROUP BY model_version HAVING count(*) > 1
    UNION ALL
    SELECT 'topics', topic_id, count(*) FROM topics GROUP BY topic_id HAVING count(*) > 1
    UNION ALL
    SELECT 'article_theme_runs', concat_ws(' ', article_id, model_version), count(*)
    FROM article_theme_runs WHERE model_version = $model_version
    GROUP BY article_id, model_version HAVING count(*) > 1
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
