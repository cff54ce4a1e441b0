-- Table: dump_steps
-- Grain: one row per (file_key, step): how far the pipeline got with a dump file.
-- The articles step clears a dump's rows and writes its own; each per-dump extraction step then
-- writes one. A dump is finished when every per-dump step has status done; the pipeline only
-- publishes the analysts' snapshot when no dump is unfinished (given-up dumps excepted).
CREATE TABLE IF NOT EXISTS dump_steps (
    file_key    VARCHAR NOT NULL,
    step        VARCHAR NOT NULL,
    status      VARCHAR NOT NULL,
    attempts    INTEGER NOT NULL,
    error       VARCHAR,
    version     VARCHAR,
    run_id      VARCHAR,
    updated_at  TIMESTAMP NOT NULL
);
COMMENT ON TABLE dump_steps IS 'One row per (file_key, step): whether each per-dump pipeline step finished for a dump file, or failed and why (grain: file_key, step).';
COMMENT ON COLUMN dump_steps.file_key IS 'The dump file (dumps.file_key).';
COMMENT ON COLUMN dump_steps.step IS 'Pipeline step (Dagster asset): articles, entity_mentions, article_topics, ...';
COMMENT ON COLUMN dump_steps.status IS 'done: the step finished for this dump; pending: the dump was reloaded and the step has to run again; failed: its last run failed (see error), the repair sensor retries it; check_failed: a blocking check failed, publishing waits until an operator reloads the dump.';
COMMENT ON COLUMN dump_steps.attempts IS 'Runs in which this step failed for this dump since it last succeeded (0 when done).';
COMMENT ON COLUMN dump_steps.error IS 'Readable reason of the last failure; NULL when done.';
COMMENT ON COLUMN dump_steps.version IS 'Version of the code that ran the step (parser, extractor or model version).';
COMMENT ON COLUMN dump_steps.run_id IS 'Dagster run that last wrote this row.';
COMMENT ON COLUMN dump_steps.updated_at IS 'UTC time the row was last written.';
-- Warehouses from before this migration were loaded by runs that finished every step.
INSERT INTO dump_steps (file_key, step, status, attempts, error, version, run_id, updated_at)
SELECT d.file_key, s.step, 'done', 0, NULL, NULL, NULL, (current_timestamp AT TIME ZONE 'UTC')
FROM dumps d CROSS JOIN (VALUES ('articles'), ('entity_mentions'), ('article_topics')) AS s(step)
WHERE NOT EXISTS (SELECT 1 FROM dump_steps x WHERE x.file_key = d.file_key AND x.step = s.step);
