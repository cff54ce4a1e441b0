-- Most mentioned people, places and organisations published between $first_day and $last_day (inclusive),
-- top $per_type of each type. Read from entity_day_counts, so boilerplate (the outlet, its reporters, the
-- lead and the dateline agency every item of a source names) is left out exactly as in the ranking views.
SELECT type, name, mentions, articles FROM (
    SELECT e.type, e.name, sum(c.mentions) AS mentions, sum(c.articles) AS articles,
           row_number() OVER (PARTITION BY e.type ORDER BY sum(c.mentions) DESC, e.name) AS place_in_type
    FROM entity_day_counts c
    JOIN entities e USING (entity_id)
    WHERE c.day BETWEEN $first_day AND $last_day
    GROUP BY e.type, e.name
)
WHERE place_in_type <= $per_type
ORDER BY type, mentions DESC, name;
