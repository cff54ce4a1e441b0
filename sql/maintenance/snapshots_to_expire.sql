-- Snapshots older than $cutoff, except the published one and everything after it: analysts read the published
-- snapshot, and later ones are the pipeline's work in progress.
SELECT snapshot_id
FROM ducklake_snapshots($catalog)
WHERE snapshot_time < $cutoff AND snapshot_id < $published_snapshot
ORDER BY snapshot_id;
