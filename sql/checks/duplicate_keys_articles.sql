-- Keys written by the `articles` step that occur more than once for the given files. DuckLake has no primary key:
-- the loaders delete and insert per dump in one transaction, so a duplicate means a loader bug or racing writers.
-- Each row: `violations` (all of them, counted before the LIMIT), then the table, the key and how many rows hold it.
WITH run_files AS (SELECT unnest($file_keys::VARCHAR[]) AS file_key),
run_dumps AS (SELECT dump_id FROM dumps WHERE file_key IN (SELECT file_key FROM run_files) AND dump_id IS NOT NULL),
run_articles AS (SELECT article_id FROM article_occurrences WHERE dump_id IN (SELECT dump_id FROM run_dumps)),
found AS (
    SELECT 'dumps' AS table_name, file_key AS key, count(*) AS copies
    FROM dumps WHERE file_key IN (SELECT file_key FROM run_files) GROUP BY file_key HAVING count(*) > 1
    UNION ALL
    SELECT 'landing_arrivals', file_key, count(*)
    FROM landing_arrivals WHERE file_key IN (SELECT file_key FROM run_files) GROUP BY file_key HAVING count(*) > 1
    UNION ALL
    SELECT 'dump_steps', concat_ws(' ', file_key, step), count(*)
    FROM dump_steps WHERE file_key IN (SELECT file_key FROM run_files) GROUP BY file_key, step HAVING count(*) > 1
    UNION ALL
    SELECT 'articles', article_id, count(*)
    FROM articles WHERE article_id IN (SELECT article_id FROM run_articles) GROUP BY article_id HAVING count(*) > 1
    UNION ALL
    SELECT 'article_occurrences', concat_ws(' ', dump_id, record_no), count(*)
    FROM article_occurrences WHERE dump_id IN (SELECT dump_id FROM run_dumps)
    GROUP BY dump_id, record_no HAVING count(*) > 1
    UNION ALL
    SELECT 'quarantine', concat_ws(' ', dump_id, record_no), count(*)
    FROM quarantine WHERE dump_id IN (SELECT dump_id FROM run_dumps) GROUP BY dump_id, record_no HAVING count(*) > 1
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
