-- Versions of the schema files already applied.
SELECT version FROM schema_migrations;
