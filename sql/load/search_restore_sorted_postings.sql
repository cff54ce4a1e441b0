-- Second half of the postings' rewrite (after search_set_postings_aside.sql and the table's DDL): the postings go
-- back in term_id order.
-- One thread for the insert: DuckLake numbers the rows as its writer threads emit them, and two threads
-- interleave the sorted runs (measured: 2 order violations in 1.5 M rows with 2 threads, none with 1).
SET threads = 1;
INSERT INTO search_postings BY NAME SELECT * FROM search_postings_sorted ORDER BY term_id, doc_no;
RESET threads;
DROP TABLE search_postings_sorted;
