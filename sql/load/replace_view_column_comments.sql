-- The view column comments of the current sql/views/ files (registered frame `incoming_view_column_comments`).
DELETE FROM view_column_comments;
INSERT INTO view_column_comments BY NAME SELECT * FROM incoming_view_column_comments;
