-- View: article_provenance
-- Grain: one row per article occurrence: where each article's bytes are (file, record, byte range).
CREATE OR REPLACE VIEW article_provenance AS
SELECT o.article_id, d.file_key, d.path, d.encoding, d.compression, o.dump_id, o.record_no, o.byte_start, o.byte_end,
       o.published_on, min(o.published_on) OVER (PARTITION BY o.article_id) AS first_published_on
FROM article_occurrences o
JOIN dumps d ON d.dump_id = o.dump_id AND d.status = 'loaded';
COMMENT ON VIEW article_provenance IS 'One row per article occurrence: dump file, record number and byte range of each article.';
COMMENT ON COLUMN article_provenance.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN article_provenance.file_key IS 'Path of the dump file relative to the landing folder (dumps.file_key).';
COMMENT ON COLUMN article_provenance.path IS 'Absolute path of the dump file when it was loaded (dumps.path).';
COMMENT ON COLUMN article_provenance.encoding IS 'Text encoding of the dump; byte offsets are in this encoding (dumps.encoding).';
COMMENT ON COLUMN article_provenance.compression IS 'Compression of the file (dumps.compression); offsets index the decompressed bytes.';
COMMENT ON COLUMN article_provenance.dump_id IS 'SHA-256 of the dump file bytes (dumps.dump_id).';
COMMENT ON COLUMN article_provenance.record_no IS '0-based number of the record in the dump.';
COMMENT ON COLUMN article_provenance.byte_start IS 'Offset of the record''s first byte in the (decompressed) file.';
COMMENT ON COLUMN article_provenance.byte_end IS 'Exclusive offset of the record''s last byte.';
COMMENT ON COLUMN article_provenance.published_on IS 'Publication day of this occurrence (article_occurrences.published_on): a re-aired article has one per airing.';
COMMENT ON COLUMN article_provenance.first_published_on IS 'The article''s earliest occurrence day over the loaded dumps: who was first.';
