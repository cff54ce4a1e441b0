-- When each of the given dump files was last loaded with every step finished, in nanoseconds since the epoch (UTC),
-- to compare with the files' inode change times. A file whose load or later steps did not finish (a run killed
-- half-way) is left out, so whichever sensor looks next hands it over again (its reload replaces its rows).
SELECT d.file_key, epoch_ns(d.loaded_at) AS registered_ns
FROM dumps d
WHERE d.file_key IN (SELECT unnest($file_keys::VARCHAR[]))
  AND NOT EXISTS (SELECT 1 FROM dump_steps s WHERE s.file_key = d.file_key AND s.status <> 'done');
