-- Second half of the vocabulary's rewrite (after search_set_terms_aside.sql and the table's DDL): the terms go back
-- in term order, on one thread, as the postings do (search_restore_sorted_postings.sql).
SET threads = 1;
INSERT INTO search_terms BY NAME SELECT * FROM search_terms_sorted ORDER BY term;
RESET threads;
DROP TABLE search_terms_sorted;
