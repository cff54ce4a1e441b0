-- Stories whose first day is at most $max_gap_days from the first day of one of the given stories: the stories
-- those can be linked to (the linker then compares only the pairs that share a title term).
WITH days AS (
    SELECT DISTINCT first_seen FROM story_summaries
    WHERE cluster_id IN (SELECT unnest($cluster_ids::VARCHAR[])) AND first_seen IS NOT NULL
)
SELECT DISTINCT s.cluster_id
FROM story_summaries s
JOIN days d ON s.first_seen BETWEEN d.first_seen - $max_gap_days AND d.first_seen + $max_gap_days
ORDER BY s.cluster_id;
