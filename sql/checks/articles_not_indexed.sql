-- Articles of the run that have no row in the full-text index.
-- Each row: `violations` (all of them, counted before the LIMIT), then the violating row itself.
WITH found AS (
    SELECT a.article_id FROM articles a
    WHERE a.article_id IN (SELECT unnest($article_ids::VARCHAR[]))
      AND a.article_id NOT IN (SELECT article_id FROM search_documents)
)
SELECT count(*) OVER () AS violations, * FROM found
LIMIT 20;
