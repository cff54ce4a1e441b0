-- Dumps some per-dump step has not finished for: (file_key, step, status, attempts).
-- Steps that failed more than $max_attempts times are given up (reported, no longer waited for)
-- and come back with given_up = true.
WITH required AS (SELECT unnest($steps::VARCHAR[]) AS step)
SELECT d.file_key, r.step, coalesce(s.status, 'missing') AS status, coalesce(s.attempts, 0) AS attempts,
       coalesce(s.status = 'failed' AND s.attempts > $max_attempts, false) AS given_up
FROM dumps d
CROSS JOIN required r
LEFT JOIN dump_steps s ON s.file_key = d.file_key AND s.step = r.step
WHERE s.status IS DISTINCT FROM 'done'
ORDER BY d.file_key, r.step;
