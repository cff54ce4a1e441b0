-- The step finished for these dumps.
INSERT INTO dump_steps BY NAME
SELECT file_key, $step AS step, 'done' AS status, 0 AS attempts, NULL AS error, $version AS version, $run_id AS run_id,
       (current_timestamp AT TIME ZONE 'UTC') AS updated_at
FROM (SELECT unnest($file_keys::VARCHAR[]) AS file_key)
ON CONFLICT (file_key, step) DO UPDATE SET
    status = 'done', attempts = 0, error = NULL, version = excluded.version, run_id = excluded.run_id,
    updated_at = excluded.updated_at;
