-- Write rows that small commits inlined into the catalog out to Parquet files.
CALL ducklake_flush_inlined_data($catalog);
