-- Every table of the warehouse with its row count and documented grain.
SELECT table_name, estimated_size AS rows, comment
FROM duckdb_tables()
WHERE schema_name = 'main'
ORDER BY table_name;
