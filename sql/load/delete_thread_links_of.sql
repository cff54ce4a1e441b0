-- Links of the given stories, before they are compared again.
DELETE FROM story_thread_links
WHERE cluster_id IN (SELECT unnest($cluster_ids::VARCHAR[])) OR other_id IN (SELECT unnest($cluster_ids::VARCHAR[]));
