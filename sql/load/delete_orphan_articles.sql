-- Articles (and everything derived from them) that no dump points at any more.
DELETE FROM articles
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]))
  AND article_id NOT IN (SELECT article_id FROM article_occurrences);
