-- Threads of the given articles' stories whose thread_id is not a member story of that thread, or not its
-- earliest one (first_seen, then smallest cluster_id).
WITH mine AS (
    SELECT DISTINCT t.thread_id FROM story_threads t
    JOIN article_clusters c ON c.cluster_id = t.cluster_id
    WHERE c.article_id IN (SELECT unnest($article_ids::VARCHAR[]))
),
firsts AS (
    SELECT t.thread_id, arg_min(t.cluster_id, (t.first_seen, t.cluster_id)) AS earliest
    FROM story_threads t WHERE t.thread_id IN (SELECT thread_id FROM mine)
    GROUP BY t.thread_id
),
found AS (SELECT thread_id, earliest FROM firsts WHERE earliest <> thread_id)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
