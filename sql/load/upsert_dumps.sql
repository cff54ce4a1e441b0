-- One row per file from the registered frame `incoming_dumps`. loaded_at keeps the time these
-- bytes were first loaded, so re-running a partition on unchanged input leaves the row as it was.
INSERT INTO dumps BY NAME
SELECT *, (current_timestamp AT TIME ZONE 'UTC') AS loaded_at
FROM incoming_dumps
ON CONFLICT (file_key) DO UPDATE SET
    dump_id = excluded.dump_id,
    path = excluded.path,
    bytes = excluded.bytes,
    compression = excluded.compression,
    encoding = excluded.encoding,
    status = excluded.status,
    error = excluded.error,
    warning = excluded.warning,
    duplicate_of = excluded.duplicate_of,
    reference_date = excluded.reference_date,
    reference_date_source = excluded.reference_date_source,
    records = excluded.records,
    parsed = excluded.parsed,
    quarantined = excluded.quarantined,
    extractor_version = excluded.extractor_version,
    loaded_at = CASE
        WHEN dumps.dump_id IS NOT DISTINCT FROM excluded.dump_id AND dumps.status = excluded.status
        THEN dumps.loaded_at ELSE excluded.loaded_at END;
