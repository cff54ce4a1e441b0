-- Links between the given stories, and their first days.
SELECT cluster_id, other_id FROM story_thread_links
WHERE cluster_id IN (SELECT unnest($cluster_ids::VARCHAR[])) AND other_id IN (SELECT unnest($cluster_ids::VARCHAR[]));
