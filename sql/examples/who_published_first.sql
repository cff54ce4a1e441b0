-- Who published first: for stories carried more than once, the source(s) of the earliest copy and how far behind the rest were.
WITH copies AS (
    SELECT c.cluster_id, a.article_id, a.source, a.published_on
    FROM article_clusters c JOIN articles a USING (article_id)
),
multi AS (
    SELECT cluster_id, min(published_on) AS first_day, max(published_on) AS last_day
    FROM copies GROUP BY cluster_id HAVING count(*) > 1
)
SELECT s.cluster_id, s.title,
       list(DISTINCT coalesce(c.source, '(none)')) FILTER (WHERE c.published_on = m.first_day) AS first_sources,
       m.first_day, m.last_day, m.last_day - m.first_day AS days_to_last_copy, s.articles
FROM multi m
JOIN stories s USING (cluster_id)
JOIN copies c USING (cluster_id)
GROUP BY ALL
ORDER BY s.articles DESC, m.first_day, s.cluster_id
LIMIT 20;
