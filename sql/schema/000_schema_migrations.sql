-- Table: schema_migrations
-- Grain: one row per applied migration file (version). Bootstraps the migration runner itself.
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER NOT NULL,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
COMMENT ON TABLE schema_migrations IS 'One row per applied schema migration file (grain: version). Written by the migration runner.';
COMMENT ON COLUMN schema_migrations.version IS 'Number prefix of the sql/schema/NNN_name.sql file.';
COMMENT ON COLUMN schema_migrations.name IS 'Rest of the file name: what the migration builds.';
COMMENT ON COLUMN schema_migrations.applied_at IS 'UTC time the migration ran.';
