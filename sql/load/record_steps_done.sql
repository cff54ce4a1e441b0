-- The step finished for these dumps.
MERGE INTO dump_steps
USING (
    SELECT file_key, $step AS step, 'done' AS status, 0 AS attempts, NULL::VARCHAR AS error, $version AS version,
           $run_id AS run_id, (current_timestamp AT TIME ZONE 'UTC') AS updated_at
    FROM (SELECT unnest($file_keys::VARCHAR[]) AS file_key)
) AS incoming ON dump_steps.file_key = incoming.file_key AND dump_steps.step = incoming.step
WHEN MATCHED THEN UPDATE SET
    status = 'done', attempts = 0, error = NULL, version = incoming.version, run_id = incoming.run_id,
    updated_at = incoming.updated_at
WHEN NOT MATCHED THEN INSERT BY NAME;
