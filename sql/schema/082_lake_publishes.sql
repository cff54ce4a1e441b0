-- Migration: the warehouse is a DuckLake; publishing records a snapshot instead of copying a file.
ALTER TABLE warehouse_publishes ADD COLUMN IF NOT EXISTS snapshot_id BIGINT;
COMMENT ON TABLE warehouse_publishes IS 'One row per publish (grain: published_at): the lake snapshot analysts read. Readers attach the lake at max_by(snapshot_id, published_at); the row itself lies in the next snapshot, so a reader sees the publishes before its own.';
COMMENT ON COLUMN warehouse_publishes.snapshot_id IS 'DuckLake snapshot published: no dump is half done in it. Attach with SNAPSHOT_VERSION snapshot_id, or query a table AT (VERSION => snapshot_id).';
COMMENT ON COLUMN warehouse_publishes.published_at IS 'UTC time of the publish.';
COMMENT ON COLUMN warehouse_publishes.seconds IS 'Seconds the publish took (migrations, the unfinished-dump check and the commit of this row).';
COMMENT ON COLUMN warehouse_publishes.bytes IS 'Unused since the lake (publishing copies nothing); NULL.';
COMMENT ON COLUMN warehouse_publishes.dumps IS 'Dump files recorded in the published snapshot (any status).';
COMMENT ON COLUMN warehouse_publishes.articles IS 'Articles in the published snapshot.';
