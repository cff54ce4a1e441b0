-- The most mentioned people, places and organisations.
SELECT e.type, e.name, count(*) AS mentions, count(DISTINCT m.article_id) AS articles
FROM entity_mentions m JOIN entities e USING (entity_id)
GROUP BY ALL ORDER BY mentions DESC, e.name LIMIT 10;
