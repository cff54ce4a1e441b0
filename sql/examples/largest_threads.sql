-- How a story unfolded: the threads with the most stories (events followed over days), with their first title
-- and the day-by-day timeline of titles.
WITH largest AS (
    SELECT thread_id, first_title, stories, articles, first_day, last_day
    FROM threads ORDER BY stories DESC, articles DESC, thread_id LIMIT 5
)
SELECT l.thread_id, l.first_title, l.stories, l.first_day, l.last_day, t.day, t.stories AS stories_that_day,
       array_to_string(t.titles, ' / ') AS titles
FROM largest l JOIN thread_timeline t USING (thread_id)
ORDER BY l.stories DESC, l.thread_id, t.day;
