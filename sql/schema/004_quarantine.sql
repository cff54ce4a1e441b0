-- Table: quarantine
-- Grain: one row per raw record that could not be parsed (dump_id, record_no).
CREATE TABLE IF NOT EXISTS quarantine (
    dump_id           VARCHAR NOT NULL,
    record_no         INTEGER NOT NULL,
    byte_start        BIGINT NOT NULL,
    byte_end          BIGINT NOT NULL,
    raw_text          VARCHAR NOT NULL,
    reason            VARCHAR NOT NULL,
    detail            VARCHAR,
    extractor_version VARCHAR NOT NULL
);
COMMENT ON TABLE quarantine IS 'One row per raw record that could not be parsed (grain: dump_id, record_no), kept with its text and reason so nothing is lost.';
COMMENT ON COLUMN quarantine.dump_id IS 'SHA-256 of the dump file (dumps.dump_id).';
COMMENT ON COLUMN quarantine.record_no IS '1-based position of the record in the dump.';
COMMENT ON COLUMN quarantine.byte_start IS 'Offset of the record''s first byte in the (decompressed) dump file.';
COMMENT ON COLUMN quarantine.byte_end IS 'Exclusive end offset of the record.';
COMMENT ON COLUMN quarantine.raw_text IS 'The record text as decoded; undecodable bytes shown as U+FFFD (the byte range has the originals).';
COMMENT ON COLUMN quarantine.reason IS 'empty, no_title, no_body, title_too_long, oversized, undecodable or truncated.';
COMMENT ON COLUMN quarantine.detail IS 'Human-readable detail for the reason.';
COMMENT ON COLUMN quarantine.extractor_version IS 'Version of the parser that quarantined it.';
