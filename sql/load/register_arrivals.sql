-- The files of an ingest run belong to arrival day $arrival_day (upsert: a rewritten file moves to the
-- day it was handed over again).
MERGE INTO landing_arrivals
USING (
    SELECT file_key, $arrival_day AS arrival_day, $run_id AS run_id,
           (current_timestamp AT TIME ZONE 'UTC') AS registered_at
    FROM (SELECT unnest($file_keys::VARCHAR[]) AS file_key)
) AS incoming ON landing_arrivals.file_key = incoming.file_key
WHEN MATCHED THEN UPDATE SET
    arrival_day = incoming.arrival_day, run_id = incoming.run_id, registered_at = incoming.registered_at
WHEN NOT MATCHED THEN INSERT BY NAME;
