-- Stamp the snapshot about to be published; returns its published_at.
INSERT INTO warehouse_publishes (published_at, run_id, dumps, articles, given_up)
SELECT (current_timestamp AT TIME ZONE 'UTC'), $run_id,
       (SELECT count(*) FROM dumps), (SELECT count(*) FROM articles), $given_up
RETURNING published_at;
