-- How many articles each IPTC topic was assigned (any rank), from the day aggregate topic_day_counts.
SELECT t.label, t.label_zh, CAST(sum(c.articles) AS BIGINT) AS articles
FROM topic_day_counts c JOIN topics t USING (topic_id)
WHERE t.taxonomy = 'iptc'
GROUP BY ALL ORDER BY articles DESC, t.label LIMIT 17;
