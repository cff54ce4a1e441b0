-- What extraction needs of the given articles (one batch of a run's article ids).
SELECT article_id, title, body, kind, published_on
FROM articles
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]))
ORDER BY article_id;
