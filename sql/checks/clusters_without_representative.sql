-- Stories of the run's articles whose cluster_id is not the article_id of one of their own members.
-- Each row: `violations` (all of them, counted before the LIMIT), then the violating row itself.
WITH found AS (
    WITH touched AS (
        SELECT DISTINCT cluster_id FROM article_clusters WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]))
    )
    SELECT t.cluster_id
    FROM touched t
    LEFT JOIN article_clusters c ON c.article_id = t.cluster_id AND c.cluster_id = t.cluster_id
    WHERE c.article_id IS NULL
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
