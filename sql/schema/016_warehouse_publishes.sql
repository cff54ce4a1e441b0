-- Table: warehouse_publishes
-- Grain: one row per publish of the analysts' snapshot (published_at).
-- Written into the working database just before it is copied, so each snapshot knows when it was made.
CREATE TABLE IF NOT EXISTS warehouse_publishes (
    published_at  TIMESTAMP NOT NULL,
    run_id        VARCHAR,
    dumps         INTEGER NOT NULL,
    articles      BIGINT NOT NULL,
    given_up      INTEGER NOT NULL
);
COMMENT ON TABLE warehouse_publishes IS 'One row per publish of the read-only analysts snapshot (grain: published_at); max(published_at) says how fresh the snapshot you opened is.';
COMMENT ON COLUMN warehouse_publishes.published_at IS 'UTC time the snapshot was taken.';
COMMENT ON COLUMN warehouse_publishes.run_id IS 'Dagster run that published it (NULL when published by a command).';
COMMENT ON COLUMN warehouse_publishes.dumps IS 'Dump files recorded in the snapshot (any status).';
COMMENT ON COLUMN warehouse_publishes.articles IS 'Articles in the snapshot.';
COMMENT ON COLUMN warehouse_publishes.given_up IS 'Dumps whose steps failed more often than REPAIR_MAX_ATTEMPTS allows, included as they are (see dump_steps).';
