-- How many dump files loaded, failed or were duplicates, with their record counts.
SELECT status, count(*) AS files, sum(records) AS records, sum(parsed) AS parsed, sum(quarantined) AS quarantined
FROM dumps GROUP BY status ORDER BY status;
