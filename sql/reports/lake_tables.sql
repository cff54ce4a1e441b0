-- The lake's tables (not views), by name: what two warehouses are compared on.
SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY table_name;
