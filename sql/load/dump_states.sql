-- What the warehouse already holds for these files: the bytes they last had, and their status.
SELECT file_key, dump_id, status FROM dumps WHERE file_key IN (SELECT unnest($file_keys::VARCHAR[]));
