-- The report's header figures: publication span, articles, dumps by status, quarantined records.
SELECT min(published_on) AS first_day, max(published_on) AS last_day, count(*) AS articles,
       (SELECT count(*) FROM dumps) AS dumps,
       (SELECT count(*) FROM dumps WHERE status = 'failed') AS failed_dumps,
       (SELECT count(*) FROM quarantine) AS quarantined_records
FROM articles;
