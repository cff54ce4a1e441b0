-- The $top most-mentioned names of each type (by articles) on the publication days $days, as the rankings show
-- them (entity_day_counts: boilerplate and abbreviations left out), with what the warning check
-- `top_names_look_right` (pipelines/extract/ranking_check.py) judges them by: `fragment_mentions`, how many of their
-- story mentions in those days' articles sit beside a name dot (约翰斯|·霍普金斯大学) or touch or lie inside another
-- entity's mention (a fragment of a longer name; two places side by side, 浙江|台州, are a chain, not fragments).
WITH counted AS (
    SELECT e.type, c.entity_id, e.name, sum(c.articles) AS articles
    FROM entity_day_counts c
    JOIN entities e USING (entity_id)
    WHERE c.day IN (SELECT unnest($days::DATE[]))
    GROUP BY e.type, c.entity_id, e.name
), top AS (
    SELECT * FROM counted
    QUALIFY row_number() OVER (PARTITION BY type ORDER BY articles DESC, name) <= $top
),
-- Only the days' articles and their mentions are read: the fragment test below looked a mention's neighbours up
-- in the whole entity_mentions table (42 s for one day at 1 M articles).
day_articles AS MATERIALIZED (
    SELECT article_id, title || chr(10) || body AS text FROM articles
    WHERE published_on IN (SELECT unnest($days::DATE[]))
), day_mentions AS MATERIALIZED (
    SELECT m.entity_id, m.type, m.article_id, m.start, m."end", m.method
    FROM entity_mentions m SEMI JOIN day_articles d USING (article_id)
), story AS MATERIALIZED (
    SELECT m.entity_id, m.type, m.article_id, m.start, m."end"
    FROM day_mentions m
    WHERE m.entity_id IN (SELECT entity_id FROM top)
      AND m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline', 'abbreviation', 'nested')
),
-- The fragments are found apart and joined back on the mention: tested inline (a correlated EXISTS), every
-- neighbouring mention was paired with the story mention's whole text, a 640 MB peak for the bench's 1,636 days.
beside_dot AS (
    SELECT s.article_id, s.entity_id, s.start, s."end"
    FROM story s
    JOIN day_articles a USING (article_id)
    WHERE substring(a.text, s."end" + 1, 1) IN ('·', '•', '・')
       OR (s.start > 0 AND substring(a.text, s.start, 1) IN ('·', '•', '・'))
), touching_or_inside AS (
    SELECT s.article_id, s.entity_id, s.start, s."end"
    FROM story s
    JOIN day_mentions o ON o.article_id = s.article_id AND o.entity_id <> s.entity_id
    WHERE (o.start = s."end" OR o."end" = s.start) AND NOT (o.type = 'LOC' AND s.type = 'LOC')
       OR (o.start <= s.start AND o."end" >= s."end" AND o."end" - o.start > s."end" - s.start)
), fragments AS (
    SELECT * FROM beside_dot
    UNION  -- a set: a mention counts once however many reasons it has
    SELECT * FROM touching_or_inside
)
SELECT t.type, t.entity_id, t.name, t.articles, count(*) AS mentions, count(f.article_id) AS fragment_mentions
FROM top t
JOIN story s USING (entity_id)
LEFT JOIN fragments f
    ON f.article_id = s.article_id AND f.entity_id = s.entity_id AND f.start = s.start AND f."end" = s."end"
GROUP BY t.type, t.entity_id, t.name, t.articles
ORDER BY t.type, t.articles DESC, t.name;
