-- View: column_docs
-- Grain: one row per column of every table and view of the warehouse (table_name, column_name).
CREATE OR REPLACE VIEW column_docs AS
SELECT c.table_name, c.column_name, c.data_type, coalesce(c.comment, v.comment) AS comment,
       t.table_name IS NULL AS is_view
FROM duckdb_columns() c
LEFT JOIN duckdb_tables() t
       ON t.database_name = c.database_name AND t.schema_name = c.schema_name AND t.table_name = c.table_name
LEFT JOIN view_column_comments v ON v.view_name = c.table_name AND v.column_name = c.column_name
WHERE c.database_name = current_database() AND c.schema_name = 'main';
COMMENT ON VIEW column_docs IS 'Every column of every warehouse table and view with its description (grain: table_name, column_name). View columns are documented here rather than in duckdb_columns(), which DuckLake leaves empty for views.';
COMMENT ON COLUMN column_docs.table_name IS 'The table or view.';
COMMENT ON COLUMN column_docs.column_name IS 'Its column.';
COMMENT ON COLUMN column_docs.data_type IS 'The column''s DuckDB type.';
COMMENT ON COLUMN column_docs.comment IS 'What the column holds (the table column''s COMMENT, or the view column''s entry in view_column_comments).';
COMMENT ON COLUMN column_docs.is_view IS 'True for a view''s column.';
