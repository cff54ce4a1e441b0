-- Record one applied migration file.
INSERT INTO schema_migrations BY NAME
SELECT $version AS version, $name AS name, (current_timestamp AT TIME ZONE 'UTC') AS applied_at;
