-- The lake's tables (not views).
SELECT table_name FROM duckdb_tables() WHERE database_name = $catalog ORDER BY table_name;
