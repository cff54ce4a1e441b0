-- Which stories were carried most widely: most distinct sources, then most copies.
SELECT cluster_id, title, source_count, sources, articles, teasers, first_seen, last_seen
FROM stories
ORDER BY source_count DESC, articles DESC, cluster_id
LIMIT 20;
