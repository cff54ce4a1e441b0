-- A dump is being (re)loaded: whatever its steps did before no longer describes it.
DELETE FROM dump_steps WHERE file_key IN (SELECT unnest($file_keys::VARCHAR[]));
