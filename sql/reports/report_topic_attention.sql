-- Attention to each IPTC topic per period ($unit: day, week or month), zero-filled by topic_daily's calendar.
SELECT CAST(date_trunc($unit, day) AS DATE) AS period, code, label, label_zh, sum(articles) AS articles
FROM topic_daily
WHERE taxonomy = 'iptc'
GROUP BY ALL
ORDER BY period, label;
