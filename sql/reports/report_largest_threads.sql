-- The report's "largest threads": the $limit threads with the most stories that began between $first_day and
-- $last_day, each with its day-by-day timeline (one row per day: stories that first appeared, their titles).
WITH largest AS (
    SELECT thread_id, first_title, stories FROM threads
    WHERE first_day BETWEEN $first_day AND $last_day AND stories > 1
    ORDER BY stories DESC, articles DESC, thread_id LIMIT $limit
)
SELECT l.first_title, l.stories, t.day, t.stories AS stories_that_day, array_to_string(t.titles, ' / ') AS titles
FROM largest l JOIN thread_timeline t USING (thread_id)
ORDER BY l.stories DESC, l.thread_id, t.day;
