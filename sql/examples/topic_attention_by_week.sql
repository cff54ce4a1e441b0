-- Attention by week: articles per ISO week on each IPTC topic, zero for weeks without any (calendar views).
SELECT week, label, label_zh, articles
FROM topic_weekly
WHERE taxonomy = 'iptc'
ORDER BY week, articles DESC, label;
