-- Texts and cluster attributes of the given articles (candidates found in the index, cluster members).
SELECT article_id, title, body, kind, published_on, char_count
FROM articles
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]))
ORDER BY article_id;
