-- The summaries of the stories $cluster_ids (the clusters a stories run touched, old and new) are recomputed
-- from their members; a cluster that no longer has members loses its row.
DELETE FROM story_summaries WHERE cluster_id IN (SELECT unnest($cluster_ids::VARCHAR[]));
INSERT INTO story_summaries BY NAME
WITH members AS (
    SELECT c.cluster_id, a.article_id, a.title, a.kind, a.published_on, a.source,
           min(a.published_on) OVER (PARTITION BY c.cluster_id) AS first_day
    FROM article_clusters c JOIN articles a USING (article_id)
    WHERE c.cluster_id IN (SELECT unnest($cluster_ids::VARCHAR[]))
)
SELECT cluster_id,
       cluster_id AS representative_id,
       any_value(title) FILTER (WHERE article_id = cluster_id) AS title,
       count(*) AS articles,
       count(*) FILTER (WHERE kind = 'teaser') AS teasers,
       min(published_on) AS first_seen,
       max(published_on) AS last_seen,
       list(DISTINCT source ORDER BY source) FILTER (WHERE source IS NOT NULL) AS sources,
       count(DISTINCT source) AS source_count,
       list(DISTINCT coalesce(source, '(none)') ORDER BY coalesce(source, '(none)')) FILTER (WHERE published_on = first_day) AS first_sources
FROM members
GROUP BY cluster_id;
