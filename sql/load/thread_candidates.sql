-- Stories within $max_gap_days of the given stories whose representatives share at least $min_shared entities
-- with theirs, the shared ones making at least $min_overlap of the smaller story's entities: the pairs the
-- linker compares (the same entity test as pipelines/threads/link.py, done here so that only those pairs are read).
WITH mine AS (
    SELECT DISTINCT s.cluster_id, s.first_seen, m.entity_id
    FROM story_summaries s
    JOIN entity_mentions m ON m.article_id = s.representative_id
    WHERE s.cluster_id IN (SELECT unnest($cluster_ids::VARCHAR[]))
      AND s.first_seen IS NOT NULL
      AND m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline', 'abbreviation')
),
window_stories AS (
    SELECT s.cluster_id, s.first_seen, s.representative_id FROM story_summaries s
    WHERE s.first_seen BETWEEN (SELECT min(first_seen) FROM mine) - $max_gap_days
                           AND (SELECT max(first_seen) FROM mine) + $max_gap_days
),
theirs AS (
    SELECT DISTINCT w.cluster_id, w.first_seen, m.entity_id
    FROM window_stories w
    JOIN entity_mentions m ON m.article_id = w.representative_id
    WHERE m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline', 'abbreviation')
),
sizes AS (
    SELECT cluster_id, count(*) AS entities FROM theirs GROUP BY cluster_id
),
shared AS (
    SELECT x.cluster_id, y.cluster_id AS other_id, count(*) AS shared
    FROM mine x
    JOIN theirs y ON y.entity_id = x.entity_id AND y.cluster_id <> x.cluster_id
                 AND abs(date_diff('day', x.first_seen, y.first_seen)) <= $max_gap_days
    GROUP BY x.cluster_id, y.cluster_id
    HAVING count(*) >= $min_shared
)
SELECT p.cluster_id, p.other_id
FROM shared p
JOIN sizes a ON a.cluster_id = p.cluster_id
JOIN sizes b ON b.cluster_id = p.other_id
WHERE p.shared >= $min_overlap * least(a.entities, b.entities)
ORDER BY 1, 2;
