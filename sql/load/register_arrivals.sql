-- The files of an ingest run belong to arrival day $arrival_day (upsert: a rewritten file moves to the
-- day it was handed over again).
INSERT INTO landing_arrivals BY NAME
SELECT file_key, $arrival_day AS arrival_day, $run_id AS run_id, (current_timestamp AT TIME ZONE 'UTC') AS registered_at
FROM (SELECT unnest($file_keys::VARCHAR[]) AS file_key)
ON CONFLICT (file_key) DO UPDATE SET
    arrival_day = excluded.arrival_day, run_id = excluded.run_id, registered_at = excluded.registered_at;
