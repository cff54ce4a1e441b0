-- Publish: record the snapshot this transaction reads ($snapshot_id: every dump in it finished) as the
-- analysts' snapshot. Readers attach the lake at max_by(snapshot_id, published_at).
INSERT INTO warehouse_publishes BY NAME
SELECT $published_at AS published_at, $run_id AS run_id, $snapshot_id AS snapshot_id,
       (SELECT count(*) FROM dumps) AS dumps, (SELECT count(*) FROM articles) AS articles, $given_up AS given_up,
       $seconds AS seconds;
