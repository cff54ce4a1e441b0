-- Attention over time: articles per month on weather, disaster and crime, per source.
SELECT date_trunc('month', d.day) AS month, d.label, sum(d.articles) AS articles
FROM topic_daily d
WHERE d.taxonomy = 'iptc' AND d.code IN ('medtop:17000000', 'medtop:03000000', 'medtop:02000000')
GROUP BY ALL ORDER BY month, d.label;
