-- The step finished for these dumps.
INSERT INTO dump_steps (file_key, step, status, attempts, error, version, run_id, updated_at)
SELECT file_key, $step, 'done', 0, NULL, $version, $run_id, (current_timestamp AT TIME ZONE 'UTC')
FROM (SELECT unnest($file_keys::VARCHAR[]) AS file_key)
ON CONFLICT (file_key, step) DO UPDATE SET
    status = 'done', attempts = 0, error = NULL, version = excluded.version, run_id = excluded.run_id,
    updated_at = excluded.updated_at;
