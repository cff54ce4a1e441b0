-- Articles among the given ids that have no IPTC topic.
-- Each row: `violations` (all of them, counted before the LIMIT), then the violating row itself.
WITH found AS (
    SELECT a.article_id FROM articles a
    WHERE a.article_id IN (SELECT unnest($article_ids::VARCHAR[]))
      AND NOT EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = a.article_id AND t.topic_id LIKE 'iptc:%')
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
