-- The arrival day of each of the given dump files (no article of a file is dated after it).
SELECT file_key, arrival_day
FROM landing_arrivals
WHERE file_key IN (SELECT unnest($file_keys::VARCHAR[]));
