-- The step failed for these dumps ($status: failed after its retries, or check_failed): count it, keep the reason.
INSERT INTO dump_steps BY NAME
SELECT file_key, $step AS step, $status AS status, 1 AS attempts, $error AS error, $version AS version,
       $run_id AS run_id, (current_timestamp AT TIME ZONE 'UTC') AS updated_at
FROM (SELECT unnest($file_keys::VARCHAR[]) AS file_key)
ON CONFLICT (file_key, step) DO UPDATE SET
    status = excluded.status, attempts = dump_steps.attempts + 1, error = excluded.error, version = excluded.version,
    run_id = excluded.run_id, updated_at = excluded.updated_at;
