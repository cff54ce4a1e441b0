-- Mentions of the given articles whose entity_id has no entities row.
-- Each row: `violations` (all of them, counted before the LIMIT), then the violating row itself.
WITH found AS (
    SELECT m.article_id, m.entity_id, m.surface FROM entity_mentions m
    WHERE m.article_id IN (SELECT unnest($article_ids::VARCHAR[]))
      AND m.entity_id NOT IN (SELECT entity_id FROM entities)
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
