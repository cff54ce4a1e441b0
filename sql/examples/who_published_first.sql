-- Who published first: for stories carried more than once, the source(s) of the earliest copy and how far behind the rest were.
SELECT cluster_id, title, first_sources, first_seen AS first_day, last_seen AS last_day,
       last_seen - first_seen AS days_to_last_copy, articles
FROM stories
WHERE articles > 1
ORDER BY articles DESC, first_day, cluster_id
LIMIT 20;
