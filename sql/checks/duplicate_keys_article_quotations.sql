-- Quotations that occur more than once (same article, start, end) for the given articles. DuckLake has no primary
-- key: the loader deletes and inserts per article in one transaction, so a duplicate means a loader bug or racing
-- writers.
-- Each row: `violations` (all of them, counted before the LIMIT), then the table, the key and how many rows hold it.
WITH run_articles AS (SELECT unnest($article_ids::VARCHAR[]) AS article_id),
found AS (
    SELECT 'quotations' AS table_name, concat_ws(' ', article_id, start, "end") AS key, count(*) AS copies
    FROM quotations WHERE article_id IN (SELECT article_id FROM run_articles)
    GROUP BY article_id, start, "end" HAVING count(*) > 1
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
