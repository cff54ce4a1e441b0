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
), story AS (
    SELECT m.entity_id, m.type, m.article_id, m.start, m."end", a.text
    FROM day_mentions m
    JOIN day_articles a USING (article_id)
    WHERE m.entity_id IN (SELECT entity_id FROM top)
      AND m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline', 'abbreviation', 'nested')
)
SELECT t.type, t.entity_id, t.name, t.articles, count(*) AS mentions,
       count(*) FILTER (WHERE substring(s.text, s."end" + 1, 1) IN ('·', '•', '・')
           OR (s.start > 0 AND substring(s.text, s.start, 1) IN ('·', '•', '・'))
           OR EXISTS (
               SELECT 1 FROM day_mentions o
               WHERE o.article_id = s.article_id AND o.entity_id <> s.entity_id
                 AND ((o.start = s."end" OR o."end" = s.start) AND NOT (o.type = 'LOC' AND s.type = 'LOC')
                      OR (o.start <= s.start AND o."end" >= s."end" AND o."end" - o.start > s."end" - s.start))
           )) AS fragment_mentions
FROM top t
JOIN story s USING (entity_id)
GROUP BY t.type, t.entity_id, t.name, t.articles
ORDER BY t.type, t.articles DESC, t.name;
