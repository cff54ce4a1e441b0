-- Merge the lake's small Parquet files (each commit of a small dump writes some) into larger ones; time travel
-- keeps working (merged files remember which snapshots their rows belong to). $catalog: the attached lake.
CALL ducklake_merge_adjacent_files($catalog);
