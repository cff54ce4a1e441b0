-- Snapshots the lake keeps (time travel reaches back this far).
SELECT count(*) FROM ducklake_snapshots($catalog);
