-- For the repair sensor: dump files whose per-dump steps are not all done, with their arrival day,
-- whether the articles step itself is unfinished, the most failed runs of any step, and whether a
-- blocking check failed. Reads only rows that are not done, so it costs what is unfinished.
SELECT s.file_key, a.arrival_day,
       bool_or(s.step = 'articles') AS articles_unfinished,
       max(s.attempts) AS attempts,
       bool_or(s.status = 'check_failed') AS check_failed
FROM dump_steps s
JOIN landing_arrivals a ON a.file_key = s.file_key
WHERE s.status <> 'done'
GROUP BY s.file_key, a.arrival_day
ORDER BY a.arrival_day, s.file_key;
