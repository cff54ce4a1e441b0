-- Articles of the given ids without an article_tone row.
WITH found AS (
    SELECT a.article_id
    FROM articles a
    WHERE a.article_id IN (SELECT unnest($article_ids::VARCHAR[]))
      AND a.article_id NOT IN (SELECT article_id FROM article_tone)
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
