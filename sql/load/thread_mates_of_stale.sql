-- Stories that shared a thread with a story that no longer exists: their thread is computed again.
SELECT DISTINCT t.cluster_id FROM story_threads t
WHERE t.thread_id IN (SELECT thread_id FROM story_threads WHERE cluster_id NOT IN (SELECT cluster_id FROM story_summaries))
  AND t.cluster_id IN (SELECT cluster_id FROM story_summaries);
