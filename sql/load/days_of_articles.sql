-- Each given article with its publication day (articles not in the warehouse are left out).
SELECT article_id, published_on FROM articles WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
