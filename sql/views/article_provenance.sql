-- View: article_provenance
-- Grain: one row per article occurrence: where each article's bytes are (file, record, byte range).
CREATE OR REPLACE VIEW article_provenance AS
SELECT o.article_id, d.file_key, d.path, d.encoding, d.compression, o.dump_id, o.record_no, o.byte_start, o.byte_end
FROM article_occurrences o
JOIN dumps d ON d.dump_id = o.dump_id AND d.status = 'loaded';
COMMENT ON VIEW article_provenance IS 'One row per article occurrence: dump file, record number and byte range of each article.';
