-- The dump files of arrival days [$first_day, $last_day] that step $step still owes: never run, pending
-- after a reload, failed (until given up: more than $max_attempts failed runs), or done by other code
-- ($version). check_failed dumps wait for an operator's reload (their data is wrong, re-running won't fix it).
SELECT a.file_key
FROM landing_arrivals a
LEFT JOIN dump_steps s ON s.file_key = a.file_key AND s.step = $step
WHERE a.arrival_day BETWEEN $first_day AND $last_day
  AND (s.status IS NULL
       OR s.status = 'pending'
       OR (s.status = 'failed' AND s.attempts <= $max_attempts)
       OR (s.status = 'done' AND s.version IS DISTINCT FROM $version))
ORDER BY a.file_key;
