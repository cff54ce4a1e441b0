-- Table: view_column_comments
-- Grain: one row per column of a view (view_name, column_name).
-- DuckLake keeps comments on tables, columns of tables and views, but not on columns of views; the migration
-- runner stores the COMMENT ON COLUMN statements of sql/views/ here instead, and `column_docs` shows both.
CREATE TABLE IF NOT EXISTS view_column_comments (
    view_name   VARCHAR NOT NULL,
    column_name VARCHAR NOT NULL,
    comment     VARCHAR NOT NULL
);
COMMENT ON TABLE view_column_comments IS 'One row per documented view column (grain: view_name, column_name), from the COMMENT ON COLUMN statements in sql/views/. Query column_docs for tables and views together.';
COMMENT ON COLUMN view_column_comments.view_name IS 'The view.';
COMMENT ON COLUMN view_column_comments.column_name IS 'Its column.';
COMMENT ON COLUMN view_column_comments.comment IS 'What the column holds.';
