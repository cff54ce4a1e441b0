-- Stories within $max_gap_days of the given stories whose representatives share at least $min_shared entities
-- with theirs: the only pairs the linker compares.
WITH mine AS (
    SELECT s.cluster_id, s.first_seen, m.entity_id
    FROM story_summaries s
    JOIN entity_mentions m ON m.article_id = s.representative_id
    WHERE s.cluster_id IN (SELECT unnest($cluster_ids::VARCHAR[]))
      AND s.first_seen IS NOT NULL
      AND m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline')
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
    WHERE m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline')
      AND m.entity_id IN (SELECT entity_id FROM mine)
)
SELECT x.cluster_id, y.cluster_id AS other_id
FROM (SELECT DISTINCT cluster_id, first_seen, entity_id FROM mine) x
JOIN theirs y ON y.entity_id = x.entity_id AND y.cluster_id <> x.cluster_id
             AND abs(date_diff('day', x.first_seen, y.first_seen)) <= $max_gap_days
GROUP BY x.cluster_id, y.cluster_id
HAVING count(*) >= $min_shared
ORDER BY 1, 2;
