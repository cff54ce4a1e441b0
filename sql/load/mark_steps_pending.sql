-- The articles step is about to (re)load these dumps: every per-dump step ($steps) has to run again.
-- Written (and committed) before the load, so a run killed half-way leaves 'pending' rows the repair
-- sensor finds. $fresh (a new or rewritten file, or an operator's reload) starts failure counts over;
-- a repair run keeps them, so a dump that keeps failing is still given up.
MERGE INTO dump_steps
USING (
    SELECT file_key, step, $run_id AS run_id, (current_timestamp AT TIME ZONE 'UTC') AS updated_at
    FROM (SELECT unnest($file_keys::VARCHAR[]) AS file_key)
    CROSS JOIN (SELECT unnest($steps::VARCHAR[]) AS step)
) AS incoming ON dump_steps.file_key = incoming.file_key AND dump_steps.step = incoming.step
WHEN MATCHED THEN UPDATE SET
    status = 'pending',
    attempts = CASE WHEN $fresh THEN 0 ELSE dump_steps.attempts END,
    run_id = incoming.run_id,
    updated_at = incoming.updated_at
WHEN NOT MATCHED THEN INSERT (file_key, step, status, attempts, error, version, run_id, updated_at)
    VALUES (incoming.file_key, incoming.step, 'pending', 0, NULL, NULL, incoming.run_id, incoming.updated_at);
