-- The step failed for these dumps ($status: failed after its retries, or check_failed): count it, keep the reason.
INSERT INTO dump_steps (file_key, step, status, attempts, error, version, run_id, updated_at)
SELECT file_key, $step, $status, 1, $error, $version, $run_id, (current_timestamp AT TIME ZONE 'UTC')
FROM (SELECT unnest($file_keys::VARCHAR[]) AS file_key)
ON CONFLICT (file_key, step) DO UPDATE SET
    status = excluded.status, attempts = dump_steps.attempts + 1, error = excluded.error, version = excluded.version,
    run_id = excluded.run_id, updated_at = excluded.updated_at;
