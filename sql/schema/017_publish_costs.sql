-- Migration: what each publish cost, so runs can space publishes (PUBLISH_MAX_SHARE).
ALTER TABLE warehouse_publishes ADD COLUMN IF NOT EXISTS seconds DOUBLE;
ALTER TABLE warehouse_publishes ADD COLUMN IF NOT EXISTS bytes BIGINT;
COMMENT ON COLUMN warehouse_publishes.seconds IS 'Seconds the publish took (checkpoint, copy, check, fsync, rename); written after the copy, so a snapshot shows it for earlier publishes only. Spaces publishes (PUBLISH_MAX_SHARE).';
COMMENT ON COLUMN warehouse_publishes.bytes IS 'Size of the published file in bytes; written after the copy, like seconds.';
