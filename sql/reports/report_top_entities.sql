-- Most mentioned people, places and organisations published between $first_day and $last_day (inclusive),
-- top $per_type of each type. Dateline mentions (the agency and reporter every item of a source names) are
-- boilerplate, not news, and are left out.
SELECT type, name, mentions, articles FROM (
    SELECT e.type, e.name, count(*) AS mentions, count(DISTINCT m.article_id) AS articles,
           row_number() OVER (PARTITION BY e.type ORDER BY count(*) DESC, e.name) AS place_in_type
    FROM entity_mentions m
    JOIN articles a USING (article_id)
    JOIN entities e USING (entity_id)
    WHERE m.method <> 'dateline' AND a.published_on BETWEEN $first_day AND $last_day
    GROUP BY e.type, e.name
)
WHERE place_in_type <= $per_type
ORDER BY type, mentions DESC, name;
