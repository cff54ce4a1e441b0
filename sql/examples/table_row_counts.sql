-- Every table of the warehouse with its documented grain. `estimated_rows` is the catalog's estimate (it can
-- differ from count(*) after deletes); `newswh summary` prints exact counts (sql/reports/table_row_count.sql).
SELECT table_name, estimated_size AS estimated_rows, comment
FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = 'main'
ORDER BY table_name;
