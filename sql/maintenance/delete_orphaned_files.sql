-- Delete files in the data folder that the catalog never recorded (a writer killed between writing a file and
-- committing it), once older than $cutoff so a commit in progress keeps its files.
CALL ducklake_delete_orphaned_files($catalog, older_than => $cutoff);
