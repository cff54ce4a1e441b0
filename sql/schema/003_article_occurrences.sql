-- Table: article_occurrences
-- Grain: one row per parsed record (dump_id, record_no): where an article was found.
CREATE TABLE IF NOT EXISTS article_occurrences (
    dump_id    VARCHAR NOT NULL,
    record_no  INTEGER NOT NULL,
    article_id VARCHAR NOT NULL,
    byte_start BIGINT NOT NULL,
    byte_end   BIGINT NOT NULL
);
COMMENT ON TABLE article_occurrences IS 'One row per parsed record (grain: dump_id, record_no). Joins articles to the dump bytes they came from.';
COMMENT ON COLUMN article_occurrences.dump_id IS 'SHA-256 of the dump file (dumps.dump_id).';
COMMENT ON COLUMN article_occurrences.record_no IS '1-based position of the record in the dump, counting quarantined records too.';
COMMENT ON COLUMN article_occurrences.article_id IS 'The article this record holds (articles.article_id).';
COMMENT ON COLUMN article_occurrences.byte_start IS 'Offset of the record''s first byte in the (decompressed) dump file.';
COMMENT ON COLUMN article_occurrences.byte_end IS 'Exclusive end offset: bytes[byte_start:byte_end] decode to the record (title line through last body line).';
