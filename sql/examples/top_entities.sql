-- The most mentioned people, places and organisations (the outlet and reporters of datelines and leads left out).
SELECT e.type, e.name, count(*) AS mentions, count(DISTINCT m.article_id) AS articles
FROM entity_mentions m JOIN entities e USING (entity_id)
WHERE m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline')
GROUP BY ALL ORDER BY mentions DESC, e.name LIMIT 10;
