-- Record one applied migration file.
INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, current_timestamp AT TIME ZONE 'UTC');
