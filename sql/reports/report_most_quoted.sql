-- The report's "most quoted": resolved speakers quoted in articles published between $first_day and $last_day,
-- top $limit, with one of their longest quotations of the window.
WITH window_quotes AS (
    SELECT q.speaker_entity_id, q.article_id, q.quote
    FROM quotations q JOIN articles a USING (article_id)
    WHERE q.speaker_entity_id IS NOT NULL AND a.published_on BETWEEN $first_day AND $last_day
)
SELECT e.name, e.type, count(*) AS quotations, count(DISTINCT w.article_id) AS articles,
       left(arg_max(w.quote, length(w.quote)), 80) AS example
FROM window_quotes w JOIN entities e ON e.entity_id = w.speaker_entity_id
GROUP BY e.entity_id, e.name, e.type
ORDER BY quotations DESC, e.name
LIMIT $limit;
