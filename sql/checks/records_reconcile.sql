-- Dumps of the given files whose raw record count differs from parsed + quarantined rows.
-- Each row: `violations` (all of them, counted before the LIMIT), then the violating row itself.
WITH found AS (
    SELECT d.file_key, d.records,
           (SELECT count(*) FROM article_occurrences o WHERE o.dump_id = d.dump_id) AS parsed_rows,
           (SELECT count(*) FROM quarantine q WHERE q.dump_id = d.dump_id) AS quarantined_rows
    FROM dumps d
    WHERE d.file_key IN (SELECT unnest($file_keys::VARCHAR[]))
      AND d.status = 'loaded'
      AND d.records <> (SELECT count(*) FROM article_occurrences o WHERE o.dump_id = d.dump_id)
                     + (SELECT count(*) FROM quarantine q WHERE q.dump_id = d.dump_id)
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
