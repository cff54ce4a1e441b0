-- Loaded files outside this batch that own rows of the given contents (dump_ids).
SELECT dump_id, min(file_key) AS file_key FROM dumps
WHERE dump_id IN (SELECT unnest($dump_ids::VARCHAR[]))
  AND file_key NOT IN (SELECT unnest($file_keys::VARCHAR[]))
  AND status = 'loaded'
GROUP BY dump_id;
