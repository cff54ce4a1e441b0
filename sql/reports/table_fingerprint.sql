-- One table's rows and an order-independent hash of them ($table_name, a table of the lake), for comparing two
-- warehouses built from the same files (`make cluster-demo`: the cluster run against an embedded run). Columns
-- that say when or by which run a row was written differ between any two runs and are left out of the hash.
SELECT count(*) AS row_count,
       coalesce(bit_xor(hash(*COLUMNS(c -> c NOT IN ('loaded_at', 'registered_at', 'run_id', 'updated_at',
                                                     'applied_at', 'created_at', 'published_at', 'seconds',
                                                     'started_at', 'finished_at', 'recorded_at')))), 0) AS content_hash
FROM query_table($table_name);
