-- Table: schema_migrations
-- Grain: one row per applied migration file (version). Bootstraps the migration runner itself.
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
