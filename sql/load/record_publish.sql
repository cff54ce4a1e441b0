-- Stamp the snapshot about to be published; returns its published_at.
INSERT INTO warehouse_publishes BY NAME
SELECT (current_timestamp AT TIME ZONE 'UTC') AS published_at, $run_id AS run_id,
       (SELECT count(*) FROM dumps) AS dumps, (SELECT count(*) FROM articles) AS articles, $given_up AS given_up
RETURNING published_at;
