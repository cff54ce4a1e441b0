-- The snapshot the last publish recorded, read from the lake's catalog database (DuckLake's
-- ducklake_snapshot_changes, spec 1.0) without loading the lake's tables: what a reader attaches. NULL when no
-- commit is labelled (a lake published before the label existed: warehouse_publishes tells then).
SELECT max_by(CAST(commit_extra_info AS BIGINT), snapshot_id)
FROM __ducklake_metadata_news.ducklake_snapshot_changes
WHERE commit_message = $message;
