-- Dump files that failed to load or loaded with a warning, with what went wrong.
SELECT file_key, status, coalesce(error, warning) AS problem, records, parsed, quarantined
FROM dumps
WHERE status = 'failed' OR warning IS NOT NULL
ORDER BY status, file_key
LIMIT $limit;
