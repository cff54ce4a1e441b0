-- article_id values that appear on more than one articles row (should be none).
SELECT article_id, count(*) AS copies FROM articles GROUP BY article_id HAVING count(*) > 1 LIMIT 20;
