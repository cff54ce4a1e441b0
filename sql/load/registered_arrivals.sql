-- When each of the given dump files was last handed to the pipeline (registered for its arrival day), in
-- nanoseconds since the epoch (UTC), to compare with the files' inode change times.
SELECT file_key, epoch_ns(registered_at) AS registered_ns
FROM landing_arrivals
WHERE file_key IN (SELECT unnest($file_keys::VARCHAR[]));
