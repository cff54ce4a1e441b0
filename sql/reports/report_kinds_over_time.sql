-- Articles per period ($unit: day, week or month) and kind, zero-filled by articles_daily's calendar.
SELECT CAST(date_trunc($unit, day) AS DATE) AS period, kind, sum(articles) AS articles
FROM articles_daily
GROUP BY ALL
ORDER BY period, kind;
