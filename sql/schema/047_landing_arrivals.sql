-- Table: landing_arrivals
-- Grain: one row per dump file handed to the pipeline (file_key): the arrival-day partition it belongs to.
-- Dagster partitions the per-dump assets by the UTC day the landing sensor found a file complete, so the
-- partition count grows with time, not with files. This table says which files make up each day's
-- partition: a re-run (or backfill) of a day reloads exactly its files, and an operator can reload one file.
CREATE TABLE IF NOT EXISTS landing_arrivals (
    file_key       VARCHAR NOT NULL,
    arrival_day    DATE NOT NULL,
    run_id         VARCHAR,
    registered_at  TIMESTAMP NOT NULL
);
COMMENT ON TABLE landing_arrivals IS 'One row per dump file handed to the pipeline (grain: file_key): the arrival-day partition (Dagster partition key) it belongs to.';
COMMENT ON COLUMN landing_arrivals.file_key IS 'The dump file (dumps.file_key): its path relative to the landing folder.';
COMMENT ON COLUMN landing_arrivals.arrival_day IS 'UTC day the landing sensor handed the file over (its last version, for a rewritten file): the Dagster partition key of its runs.';
COMMENT ON COLUMN landing_arrivals.run_id IS 'Dagster run that registered the file (its latest load).';
COMMENT ON COLUMN landing_arrivals.registered_at IS 'UTC time the file was registered for that day.';
-- Warehouses from before this migration: files arrived the day they were loaded.
INSERT INTO landing_arrivals (file_key, arrival_day, run_id, registered_at)
SELECT file_key, CAST(loaded_at AS DATE), NULL, loaded_at FROM dumps
WHERE file_key NOT IN (SELECT file_key FROM landing_arrivals);
