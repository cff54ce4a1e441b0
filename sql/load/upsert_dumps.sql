-- One row per file from the registered frame `incoming_dumps`. loaded_at keeps the time these
-- bytes were first loaded, so re-running a partition on unchanged input leaves the row as it was.
MERGE INTO dumps
USING (SELECT *, (current_timestamp AT TIME ZONE 'UTC') AS loaded_at FROM incoming_dumps) AS incoming
ON dumps.file_key = incoming.file_key
WHEN MATCHED THEN UPDATE SET
    dump_id = incoming.dump_id,
    path = incoming.path,
    bytes = incoming.bytes,
    compression = incoming.compression,
    encoding = incoming.encoding,
    status = incoming.status,
    error = incoming.error,
    warning = incoming.warning,
    duplicate_of = incoming.duplicate_of,
    reference_date = incoming.reference_date,
    reference_date_source = incoming.reference_date_source,
    records = incoming.records,
    parsed = incoming.parsed,
    quarantined = incoming.quarantined,
    extractor_version = incoming.extractor_version,
    loaded_at = CASE
        WHEN dumps.dump_id IS NOT DISTINCT FROM incoming.dump_id AND dumps.status = incoming.status
        THEN dumps.loaded_at ELSE incoming.loaded_at END
WHEN NOT MATCHED THEN INSERT BY NAME;
