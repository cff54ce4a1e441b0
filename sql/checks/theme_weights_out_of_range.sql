-- Discovered-theme assignments of the given run with a weight outside [0, 1].
SELECT article_id, topic_id, score FROM article_topics
WHERE model_version = $model_version AND (score < 0 OR score > 1)
LIMIT 20;
