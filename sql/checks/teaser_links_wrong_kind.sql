-- teaser_of links of the run's articles that do not go from a teaser to a non-teaser.
-- Each row: `violations` (all of them, counted before the LIMIT), then the violating row itself.
WITH found AS (
    SELECT l.article_id, l.other_id, t.kind AS teaser_kind, f.kind AS full_kind
    FROM story_links l
    JOIN articles t ON t.article_id = l.article_id
    JOIN articles f ON f.article_id = l.other_id
    WHERE l.relation = 'teaser_of'
      AND (l.article_id IN (SELECT unnest($article_ids::VARCHAR[])) OR l.other_id IN (SELECT unnest($article_ids::VARCHAR[])))
      AND (t.kind <> 'teaser' OR f.kind = 'teaser')
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
