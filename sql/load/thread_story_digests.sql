-- What a story is compared on: its representative's title and the first $lead_chars characters of its body,
-- first day, and its entities (boilerplate mentions and one-character abbreviations left out).
-- Mentions are aggregated per representative before the join, so no long text is grouped on.
WITH stories AS (
    SELECT cluster_id, first_seen, representative_id FROM story_summaries
    WHERE cluster_id IN (SELECT unnest($cluster_ids::VARCHAR[])) AND first_seen IS NOT NULL
),
mentioned AS (
    SELECT article_id,
           list(DISTINCT entity_id ORDER BY entity_id) FILTER (WHERE entity_id IS NOT NULL) AS entity_ids,
           list(DISTINCT surface ORDER BY surface) FILTER (WHERE surface IS NOT NULL) AS surfaces,
           list(DISTINCT surface ORDER BY surface) FILTER (WHERE type = 'PER') AS people
    FROM entity_mentions
    WHERE article_id IN (SELECT representative_id FROM stories)
      AND method NOT IN ('source', 'byline', 'boilerplate', 'dateline', 'abbreviation')
    GROUP BY article_id
)
SELECT s.cluster_id, s.first_seen, a.title, left(a.body, $lead_chars) AS lead,
       coalesce(m.entity_ids, []) AS entity_ids, coalesce(m.surfaces, []) AS surfaces, coalesce(m.people, []) AS people
FROM stories s
JOIN (  -- the representatives' texts by rowid (see load/articles_by_id.sql)
    SELECT article_id, title, body FROM articles
    WHERE rowid IN (SELECT rowid FROM articles WHERE article_id IN (SELECT representative_id FROM stories))
) a ON a.article_id = s.representative_id
LEFT JOIN mentioned m ON m.article_id = s.representative_id
ORDER BY s.cluster_id;
