-- Data and delete files of one table ($table) in the lake's current snapshot, and their bytes.
SELECT count(*) AS data_files, coalesce(sum(data_file_size_bytes), 0) AS data_bytes,
       count(delete_file) AS delete_files, coalesce(sum(delete_file_size_bytes), 0) AS delete_bytes
FROM ducklake_list_files($catalog, $table);
