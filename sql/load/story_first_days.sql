-- First publication day of the given stories (those with a known day).
SELECT cluster_id, first_seen FROM story_summaries
WHERE cluster_id IN (SELECT unnest($cluster_ids::VARCHAR[])) AND first_seen IS NOT NULL;
