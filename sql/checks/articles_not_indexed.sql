-- Articles of the run that have no row in the full-text index.
SELECT a.article_id FROM articles a
WHERE a.article_id IN (SELECT unnest($article_ids::VARCHAR[]))
  AND a.article_id NOT IN (SELECT article_id FROM search_documents)
LIMIT 20;
