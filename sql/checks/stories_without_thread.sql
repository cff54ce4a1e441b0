-- Stories of the given articles (with a known first day) without a story_threads row.
WITH found AS (
    SELECT s.cluster_id
    FROM story_summaries s
    WHERE s.cluster_id IN (SELECT cluster_id FROM article_clusters WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])))
      AND s.first_seen IS NOT NULL
      AND s.cluster_id NOT IN (SELECT cluster_id FROM story_threads)
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
