-- Each given article still in the warehouse with its publication day (articles.published_on; NULL when undated).
SELECT article_id, published_on
FROM articles
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
