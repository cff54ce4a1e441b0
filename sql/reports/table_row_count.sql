-- Exact row count of one table, named by the bound parameter $table (a name from duckdb_tables()).
SELECT count(*) FROM query_table($table);
