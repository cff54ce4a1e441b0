-- Table: dumps
-- Grain: one row per dump file seen in the landing folder (file_key), loaded or not.
CREATE TABLE IF NOT EXISTS dumps (
    file_key              VARCHAR NOT NULL,
    dump_id               VARCHAR,
    path                  VARCHAR NOT NULL,
    bytes                 BIGINT NOT NULL,
    compression           VARCHAR,
    encoding              VARCHAR,
    status                VARCHAR NOT NULL,
    error                 VARCHAR,
    duplicate_of          VARCHAR,
    reference_date        DATE,
    reference_date_source VARCHAR,
    records               INTEGER NOT NULL,
    parsed                INTEGER NOT NULL,
    quarantined           INTEGER NOT NULL,
    extractor_version     VARCHAR NOT NULL,
    loaded_at             TIMESTAMP NOT NULL
);
COMMENT ON TABLE dumps IS 'One row per dump file seen in the landing folder (grain: file_key). Status says whether it loaded, failed or duplicated another file.';
COMMENT ON COLUMN dumps.file_key IS 'Path of the file relative to the landing folder; also the Dagster partition key.';
COMMENT ON COLUMN dumps.dump_id IS 'SHA-256 (hex) of the file bytes as stored: the content identity. Same bytes under another name share it.';
COMMENT ON COLUMN dumps.path IS 'Absolute path the file was read from.';
COMMENT ON COLUMN dumps.bytes IS 'Size of the file as stored, in bytes (compressed size for .gz).';
COMMENT ON COLUMN dumps.compression IS 'gzip when the file was gzip-compressed, else NULL. Byte ranges refer to the decompressed stream.';
COMMENT ON COLUMN dumps.encoding IS 'Text encoding used to decode the file (utf-8, gb18030, utf-16-le, ...).';
COMMENT ON COLUMN dumps.status IS 'loaded: records parsed or quarantined; failed: file unreadable (see error); duplicate: same bytes as duplicate_of, not loaded twice.';
COMMENT ON COLUMN dumps.error IS 'Readable reason the file failed to load; NULL otherwise.';
COMMENT ON COLUMN dumps.duplicate_of IS 'file_key of the file whose identical bytes were loaded, for status duplicate.';
COMMENT ON COLUMN dumps.reference_date IS 'Date missing years are inferred from.';
COMMENT ON COLUMN dumps.reference_date_source IS 'Where reference_date came from: override (REFERENCE_DATE), manifest (MANIFEST.tsv), path (date in the file path) or mtime.';
COMMENT ON COLUMN dumps.records IS 'Raw records found in the file (separated by lines holding -).';
COMMENT ON COLUMN dumps.parsed IS 'Records parsed into article occurrences. parsed + quarantined = records.';
COMMENT ON COLUMN dumps.quarantined IS 'Records sent to quarantine with a reason.';
COMMENT ON COLUMN dumps.extractor_version IS 'Version of the parser that produced this row.';
COMMENT ON COLUMN dumps.loaded_at IS 'UTC time the file was last (re)loaded.';
