-- Articles per source and kind (the $top sources with most articles; the rest summed as (other)).
WITH counts AS (
    SELECT coalesce(source, '(none)') AS source, kind, count(*) AS articles FROM articles GROUP BY ALL
),
source_ranks AS (
    SELECT source, row_number() OVER (ORDER BY sum(articles) DESC, source) AS source_rank FROM counts GROUP BY source
),
ranked AS (SELECT * FROM counts JOIN source_ranks USING (source))
SELECT CASE WHEN source_rank <= $top THEN source ELSE '(other)' END AS source, kind, sum(articles) AS articles
FROM ranked
GROUP BY ALL
ORDER BY articles DESC, source, kind;
