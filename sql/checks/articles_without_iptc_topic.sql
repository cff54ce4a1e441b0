-- Articles among the given ids that have no IPTC topic.
SELECT a.article_id FROM articles a
WHERE a.article_id IN (SELECT unnest($article_ids::VARCHAR[]))
  AND NOT EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = a.article_id AND t.topic_id LIKE 'iptc:%')
LIMIT 20;
