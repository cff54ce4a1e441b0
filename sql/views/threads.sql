-- View: threads
-- Grain: one row per thread (thread_id): an event followed over days, its stories and articles counted.
CREATE OR REPLACE VIEW threads AS
SELECT t.thread_id, f.title AS first_title,
       count(*) AS stories, CAST(sum(s.articles) AS BIGINT) AS articles,
       min(s.first_seen) AS first_day, max(s.last_seen) AS last_day,
       count(DISTINCT s.first_seen) AS days
FROM story_threads t
JOIN story_summaries s USING (cluster_id)
LEFT JOIN story_summaries f ON f.cluster_id = t.thread_id
GROUP BY t.thread_id, f.title;
COMMENT ON VIEW threads IS 'Story threads (events over days): one row per thread with its stories, articles and days; a thread of one story is a story nobody continued.';
COMMENT ON COLUMN threads.thread_id IS 'The thread (story_threads.thread_id) = cluster_id of its first story.';
COMMENT ON COLUMN threads.first_title IS 'Title of the thread''s first story.';
COMMENT ON COLUMN threads.stories IS 'Stories (copy clusters) in the thread.';
COMMENT ON COLUMN threads.articles IS 'Articles (copies) of those stories.';
COMMENT ON COLUMN threads.first_day IS 'First publication day of the thread.';
COMMENT ON COLUMN threads.last_day IS 'Last publication day of any of its copies.';
COMMENT ON COLUMN threads.days IS 'Distinct days on which one of its stories first appeared.';
