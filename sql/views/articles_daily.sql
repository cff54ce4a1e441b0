-- View: articles_daily
-- Grain: one row per (day, source, kind) for every calendar day from the first to the last publication day:
-- a day without articles of that source and kind has articles = 0, so a plotted series shows the gap.
-- Every airing counts: an article found in several dumps (the same text re-aired a day or years later) is counted
-- on each day one of its occurrences was published (article_occurrences.published_on, migration 110), once per
-- day; first_airings counts only the articles whose first day that is (who was first: the earliest airing).
CREATE OR REPLACE VIEW articles_daily AS
WITH airings AS (  -- one row per (article, day it was published)
    SELECT DISTINCT o.article_id, coalesce(o.published_on, a.published_on) AS day, a.source, a.kind
    FROM article_occurrences o
    JOIN articles a USING (article_id)
    WHERE coalesce(o.published_on, a.published_on) IS NOT NULL
),
first_days AS (
    SELECT article_id, min(day) AS first_published_on FROM airings GROUP BY article_id
),
calendar AS (
    SELECT CAST(unnest(generate_series(min(day), max(day), INTERVAL 1 DAY)) AS DATE) AS day
    FROM airings
),
counts AS (
    SELECT w.day, coalesce(w.source, '(none)') AS source, w.kind, count(*) AS articles,
           count(*) FILTER (WHERE f.first_published_on = w.day) AS first_airings
    FROM airings w
    JOIN first_days f USING (article_id)
    GROUP BY ALL
),
series AS (SELECT DISTINCT source, kind FROM counts)
SELECT c.day, s.source, s.kind, coalesce(n.articles, 0) AS articles, coalesce(n.first_airings, 0) AS first_airings
FROM calendar c
CROSS JOIN series s
LEFT JOIN counts n ON n.day = c.day AND n.source = s.source AND n.kind = s.kind;
COMMENT ON VIEW articles_daily IS 'Articles per publication day, source and kind, every airing counted (an article re-aired on another day counts on that day too); every day between the first and last publication day, zero when none.';
COMMENT ON COLUMN articles_daily.day IS 'Publication day of an occurrence (article_occurrences.published_on); days without articles are present with articles = 0.';
COMMENT ON COLUMN articles_daily.source IS 'Agency from the dateline or lead (articles.source); (none) when the article names none.';
COMMENT ON COLUMN articles_daily.kind IS 'full, teaser or brief (articles.kind).';
COMMENT ON COLUMN articles_daily.articles IS 'Distinct articles published that day with that source and kind, re-airings included (0 on empty days).';
COMMENT ON COLUMN articles_daily.first_airings IS 'Of those, the articles first published that day (their earliest occurrence); articles - first_airings are re-airings.';
