-- The report's "stories carried most widely": stories with more than one copy, most sources first.
SELECT title, source_count, array_to_string(sources, ', ') AS sources, articles, teasers, first_seen, last_seen
FROM stories
WHERE articles > 1
ORDER BY source_count DESC, articles DESC, cluster_id
LIMIT $limit;
