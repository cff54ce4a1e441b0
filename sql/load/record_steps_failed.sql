-- The step failed for these dumps ($status: failed after its retries, or check_failed): count it, keep the reason.
MERGE INTO dump_steps
USING (
    SELECT file_key, $step AS step, $status AS status, 1 AS attempts, $error AS error, $version AS version,
           $run_id AS run_id, (current_timestamp AT TIME ZONE 'UTC') AS updated_at
    FROM (SELECT unnest($file_keys::VARCHAR[]) AS file_key)
) AS incoming ON dump_steps.file_key = incoming.file_key AND dump_steps.step = incoming.step
WHEN MATCHED THEN UPDATE SET
    status = incoming.status, attempts = dump_steps.attempts + 1, error = incoming.error, version = incoming.version,
    run_id = incoming.run_id, updated_at = incoming.updated_at
WHEN NOT MATCHED THEN INSERT BY NAME;
