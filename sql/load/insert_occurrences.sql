-- Where each parsed record of the dump sits, from the registered frame `incoming_occurrences`.
INSERT INTO article_occurrences (dump_id, record_no, article_id, byte_start, byte_end, extractor_version)
SELECT dump_id, record_no, article_id, byte_start, byte_end, extractor_version FROM incoming_occurrences;
