-- What a story is compared on: its representative's title and body, first day, and its entities
-- (boilerplate mentions and one-character abbreviations left out).
SELECT s.cluster_id, s.first_seen, a.title, a.body,
       coalesce(list(DISTINCT m.entity_id ORDER BY m.entity_id) FILTER (WHERE m.entity_id IS NOT NULL), []) AS entity_ids,
       coalesce(list(DISTINCT m.surface ORDER BY m.surface) FILTER (WHERE m.surface IS NOT NULL), []) AS surfaces,
       coalesce(list(DISTINCT m.surface ORDER BY m.surface) FILTER (WHERE m.type = 'PER'), []) AS people
FROM story_summaries s
JOIN articles a ON a.article_id = s.representative_id
LEFT JOIN entity_mentions m
       ON m.article_id = s.representative_id AND m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline', 'abbreviation')
WHERE s.cluster_id IN (SELECT unnest($cluster_ids::VARCHAR[]))
  AND s.first_seen IS NOT NULL
GROUP BY s.cluster_id, s.first_seen, a.title, a.body
ORDER BY s.cluster_id;
