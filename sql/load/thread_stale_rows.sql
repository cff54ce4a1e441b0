-- Thread rows of stories that no longer exist (a story renamed when a copy joined, or whose articles went).
DELETE FROM story_thread_links
WHERE cluster_id NOT IN (SELECT cluster_id FROM story_summaries) OR other_id NOT IN (SELECT cluster_id FROM story_summaries);
DELETE FROM story_threads WHERE cluster_id NOT IN (SELECT cluster_id FROM story_summaries);
