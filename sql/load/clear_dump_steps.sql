-- A dump is being (re)loaded: its finished steps have to run again (pending); failures keep their
-- count, so a dump that keeps failing is still given up after REPAIR_MAX_ATTEMPTS repair runs.
UPDATE dump_steps SET status = 'pending', updated_at = (current_timestamp AT TIME ZONE 'UTC')
WHERE file_key IN (SELECT unnest($file_keys::VARCHAR[])) AND status = 'done';
