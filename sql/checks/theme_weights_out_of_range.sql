-- Discovered-theme assignments of the given run with a weight outside [0, 1].
-- Each row: `violations` (all of them, counted before the LIMIT), then the violating row itself.
WITH found AS (
    SELECT article_id, topic_id, score FROM article_topics
    WHERE model_version = $model_version AND (score < 0 OR score > 1)
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
