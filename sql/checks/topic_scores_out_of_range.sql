-- Topic assignments of the given articles with a score outside [0, 1].
SELECT article_id, topic_id, score FROM article_topics
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])) AND (score < 0 OR score > 1 OR score IS NULL)
LIMIT 20;
