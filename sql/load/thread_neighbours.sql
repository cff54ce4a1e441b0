-- Stories linked to the given ones, and those that shared a thread with them: what re-threading must cover.
SELECT other_id FROM story_thread_links WHERE cluster_id IN (SELECT unnest($cluster_ids::VARCHAR[]))
UNION
SELECT cluster_id FROM story_thread_links WHERE other_id IN (SELECT unnest($cluster_ids::VARCHAR[]))
UNION
SELECT t.cluster_id FROM story_threads t
WHERE t.thread_id IN (SELECT thread_id FROM story_threads WHERE cluster_id IN (SELECT unnest($cluster_ids::VARCHAR[])));
