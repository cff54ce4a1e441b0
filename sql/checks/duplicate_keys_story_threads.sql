-- Keys written by the threads step that occur more than once for the stories of the given articles. DuckLake has no
-- primary key: the loader deletes and inserts per story in one transaction, so a duplicate means a loader bug or
-- racing writers.
-- Each row: `violations` (all of them, counted before the LIMIT), then the table, the key and how many rows hold it.
WITH run_articles AS (SELECT unnest($article_ids::VARCHAR[]) AS article_id),
run_clusters AS (
    SELECT DISTINCT cluster_id FROM article_clusters WHERE article_id IN (SELECT article_id FROM run_articles)
),
found AS (
    SELECT 'story_thread_links' AS table_name, concat_ws(' ', cluster_id, other_id) AS key, count(*) AS copies
    FROM story_thread_links
    WHERE cluster_id IN (SELECT cluster_id FROM run_clusters) OR other_id IN (SELECT cluster_id FROM run_clusters)
    GROUP BY cluster_id, other_id HAVING count(*) > 1
    UNION ALL
    SELECT 'story_threads', cluster_id, count(*)
    FROM story_threads WHERE cluster_id IN (SELECT cluster_id FROM run_clusters)
    GROUP BY cluster_id HAVING count(*) > 1
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
