-- Topic assignments of the given articles with a score outside [0, 1].
-- Each row: `violations` (all of them, counted before the LIMIT), then the violating row itself.
WITH found AS (
    SELECT article_id, topic_id, score FROM article_topics
    WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])) AND (score < 0 OR score > 1 OR score IS NULL)
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
