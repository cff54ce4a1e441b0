-- Articles of the run that have no story (article_clusters row), or more than one.
-- Each row: `violations` (all of them, counted before the LIMIT), then the violating row itself.
WITH found AS (
    SELECT a.article_id, count(c.cluster_id) AS clusters
    FROM (SELECT unnest($article_ids::VARCHAR[]) AS article_id) a
    LEFT JOIN article_clusters c USING (article_id)
    GROUP BY a.article_id
    HAVING count(c.cluster_id) <> 1
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
