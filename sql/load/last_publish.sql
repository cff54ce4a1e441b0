-- The latest publish whose cost is known, and the seconds since it (UTC).
SELECT seconds, epoch((current_timestamp AT TIME ZONE 'UTC') - published_at) AS seconds_since
FROM warehouse_publishes
WHERE seconds IS NOT NULL
ORDER BY published_at DESC
LIMIT 1;
