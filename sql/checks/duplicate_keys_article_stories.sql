-- Keys written by the stories step that occur more than once for the given articles and the stories they carry.
-- DuckLake has no primary key: the loaders delete and insert per article in one transaction, so a duplicate means a
-- loader bug or racing writers.
-- Each row: `violations` (all of them, counted before the LIMIT), then the table, the key and how many rows hold it.
WITH run_articles AS (SELECT unnest($article_ids::VARCHAR[]) AS article_id),
run_clusters AS (
    SELECT DISTINCT cluster_id FROM article_clusters WHERE article_id IN (SELECT article_id FROM run_articles)
),
found AS (
    SELECT 'story_bands' AS table_name, concat_ws(' ', article_id, band) AS key, count(*) AS copies
    FROM story_bands WHERE article_id IN (SELECT article_id FROM run_articles)
    GROUP BY article_id, band HAVING count(*) > 1
    UNION ALL
    SELECT 'story_links', concat_ws(' ', article_id, other_id, relation), count(*)
    FROM story_links WHERE article_id IN (SELECT article_id FROM run_articles)
    GROUP BY article_id, other_id, relation HAVING count(*) > 1
    UNION ALL
    SELECT 'article_clusters', article_id, count(*)
    FROM article_clusters WHERE article_id IN (SELECT article_id FROM run_articles)
    GROUP BY article_id HAVING count(*) > 1
    UNION ALL
    SELECT 'story_summaries', cluster_id, count(*)
    FROM story_summaries WHERE cluster_id IN (SELECT cluster_id FROM run_clusters)
    GROUP BY cluster_id HAVING count(*) > 1
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
