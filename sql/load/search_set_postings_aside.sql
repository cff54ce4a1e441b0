-- First half of the postings' rewrite in term_id order (pipelines/warehouse/load_search.py compact_index). Each load
-- appends its postings sorted, but many small loads interleave term ranges and zone maps stop skipping row groups:
-- measured at 1 M articles, a query went from 40-170 ms (sorted) to 0.5-1.3 s (appended per dump). The daily
-- schedule runs this. The postings are copied aside in order, then the table is dropped, to be re-created from its
-- DDL (sql/schema/037_search_postings.sql): emptying it by DELETE made DuckLake record a deletion for each of the
-- 82 M rows at 1 M articles (25 s, 4.5 GB peak RSS despite a 512MB limit); the drop is one catalog change (724 MB).
CREATE OR REPLACE TEMP TABLE search_postings_sorted AS
SELECT term_id, doc_no, tf, doc_length FROM search_postings ORDER BY term_id, doc_no;
DROP TABLE search_postings;
