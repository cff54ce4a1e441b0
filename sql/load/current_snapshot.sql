-- The lake snapshot the current transaction reads (DuckLake's current_snapshot() of the default database).
SELECT id FROM current_snapshot();
