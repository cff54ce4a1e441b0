-- The most mentioned people, places and organisations (the outlet and reporters of datelines and leads left out).
-- Reads the day aggregate entity_day_counts (an article has one day, so summing its articles counts each once).
SELECT e.type, e.name, CAST(sum(c.mentions) AS BIGINT) AS mentions, CAST(sum(c.articles) AS BIGINT) AS articles
FROM entity_day_counts c JOIN entities e USING (entity_id)
GROUP BY ALL ORDER BY mentions DESC, e.name LIMIT 10;
