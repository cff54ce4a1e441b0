-- Keys written by the IPTC topic step that occur more than once for the given articles and their topics' day counts.
-- DuckLake has no primary key: the loaders delete and insert per article in one transaction, so a duplicate means a
-- loader bug or racing writers.
-- Each row: `violations` (all of them, counted before the LIMIT), then the table, the key and how many rows hold it.
WITH run_articles AS (SELECT unnest($article_ids::VARCHAR[]) AS article_id),
run_topics AS (SELECT DISTINCT topic_id FROM article_topics WHERE article_id IN (SELECT article_id FROM run_articles)),
found AS (
    SELECT 'article_topics' AS table_name, concat_ws(' ', article_id, topic_id) AS key, count(*) AS copies
    FROM article_topics WHERE article_id IN (SELECT article_id FROM run_articles)
    GROUP BY article_id, topic_id HAVING count(*) > 1
    UNION ALL
    SELECT 'topics', topic_id, count(*)
    FROM topics WHERE topic_id IN (SELECT topic_id FROM run_topics) GROUP BY topic_id HAVING count(*) > 1
    UNION ALL
    SELECT 'topic_day_counts', concat_ws(' ', topic_id, day), count(*)
    FROM topic_day_counts WHERE topic_id IN (SELECT topic_id FROM run_topics)
    GROUP BY topic_id, day HAVING count(*) > 1
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
