-- The articles step is about to (re)load these dumps: every per-dump step ($steps) has to run again.
-- Written (and committed) before the load, so a run killed half-way leaves 'pending' rows the repair
-- sensor finds. $fresh (a new or rewritten file, or an operator's reload) starts failure counts over;
-- a repair run keeps them, so a dump that keeps failing is still given up.
INSERT INTO dump_steps BY NAME
SELECT file_key, step, 'pending' AS status, 0 AS attempts, NULL AS error, NULL AS version, $run_id AS run_id,
       (current_timestamp AT TIME ZONE 'UTC') AS updated_at
FROM (SELECT unnest($file_keys::VARCHAR[]) AS file_key)
CROSS JOIN (SELECT unnest($steps::VARCHAR[]) AS step)
ON CONFLICT (file_key, step) DO UPDATE SET
    status = 'pending',
    attempts = CASE WHEN $fresh THEN 0 ELSE dump_steps.attempts END,
    run_id = excluded.run_id,
    updated_at = excluded.updated_at;
