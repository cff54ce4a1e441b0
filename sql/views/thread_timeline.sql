-- View: thread_timeline
-- Grain: one row per (thread_id, day): how one event unfolded, day by day, with the titles of that day's stories.
CREATE OR REPLACE VIEW thread_timeline AS
SELECT t.thread_id, s.first_seen AS day, count(*) AS stories, CAST(sum(s.articles) AS BIGINT) AS articles,
       list(s.title ORDER BY s.title) AS titles
FROM story_threads t
JOIN story_summaries s USING (cluster_id)
WHERE s.first_seen IS NOT NULL
GROUP BY t.thread_id, s.first_seen;
COMMENT ON VIEW thread_timeline IS 'A thread''s timeline: per day, the stories that first appeared that day and their titles.';
COMMENT ON COLUMN thread_timeline.thread_id IS 'The thread (story_threads.thread_id).';
COMMENT ON COLUMN thread_timeline.day IS 'First publication day of the stories in this row.';
COMMENT ON COLUMN thread_timeline.stories IS 'Stories of the thread that first appeared that day.';
COMMENT ON COLUMN thread_timeline.articles IS 'Articles (copies) of those stories.';
COMMENT ON COLUMN thread_timeline.titles IS 'Titles of those stories (their representatives), sorted.';
