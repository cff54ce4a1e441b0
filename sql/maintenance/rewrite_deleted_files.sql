-- Rewrite the data files of which at least $deleted_share of the rows were deleted, without those rows and their
-- delete files. Every re-run and every day-aggregate refresh deletes rows, and a file that carries deletes is not
-- merged, so without this the files of delete-and-insert tables stay as many as the commits that wrote them.
CALL ducklake_rewrite_data_files($catalog, delete_threshold => $deleted_share);
