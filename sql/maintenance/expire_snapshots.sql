-- Expire these snapshots ($versions); their files become unused and are deleted by cleanup_old_files.
CALL ducklake_expire_snapshots($catalog, versions => $versions);
