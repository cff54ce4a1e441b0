-- How many articles each IPTC topic was assigned (any rank).
SELECT t.label, t.label_zh, count(*) AS articles
FROM article_topics tp JOIN topics t USING (topic_id)
WHERE t.taxonomy = 'iptc'
GROUP BY ALL ORDER BY articles DESC, t.label LIMIT 17;
