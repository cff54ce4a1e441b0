-- Delete data files no snapshot uses any more, once they have been unused since before $cutoff (a reader
-- still attached to an expired snapshot has until then).
CALL ducklake_cleanup_old_files($catalog, older_than => $cutoff);
