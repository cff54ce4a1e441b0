-- Table: view_definitions
-- Grain: one row per change of the views (sql/views/*.sql) applied to the lake (digest).
-- Views are re-created only when their files changed, so a connection's migration check writes nothing.
CREATE TABLE IF NOT EXISTS view_definitions (
    digest     VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE view_definitions IS 'One row per set of view definitions applied (grain: digest): SHA-256 of sql/views/*.sql. Written by the migration runner.';
COMMENT ON COLUMN view_definitions.digest IS 'SHA-256 of the names and texts of sql/views/*.sql in order.';
COMMENT ON COLUMN view_definitions.applied_at IS 'UTC time the views were re-created.';
