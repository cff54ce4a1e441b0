-- The dump files that make up the arrival-day partitions [$first_day, $last_day], in key order.
SELECT file_key
FROM landing_arrivals
WHERE arrival_day BETWEEN $first_day AND $last_day
ORDER BY file_key;
