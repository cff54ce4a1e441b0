-- View: articles_daily
-- Grain: one row per (day, source, kind) for every calendar day from the first to the last publication day:
-- a day without articles of that source and kind has articles = 0, so a plotted series shows the gap.
CREATE OR REPLACE VIEW articles_daily AS
WITH calendar AS (
    SELECT CAST(unnest(generate_series(min(published_on), max(published_on), INTERVAL 1 DAY)) AS DATE) AS day
    FROM articles
),
counts AS (
    SELECT published_on AS day, coalesce(source, '(none)') AS source, kind, count(*) AS articles
    FROM articles WHERE published_on IS NOT NULL
    GROUP BY ALL
),
series AS (SELECT DISTINCT source, kind FROM counts)
SELECT c.day, s.source, s.kind, coalesce(n.articles, 0) AS articles
FROM calendar c
CROSS JOIN series s
LEFT JOIN counts n ON n.day = c.day AND n.source = s.source AND n.kind = s.kind;
COMMENT ON VIEW articles_daily IS 'Articles per publication day, source and kind; every day between the first and last publication day, zero when none.';
COMMENT ON COLUMN articles_daily.day IS 'Publication day (articles.published_on); days without articles are present with articles = 0.';
COMMENT ON COLUMN articles_daily.source IS 'Agency from the dateline or lead (articles.source); (none) when the article names none.';
COMMENT ON COLUMN articles_daily.kind IS 'full, teaser or brief (articles.kind).';
COMMENT ON COLUMN articles_daily.articles IS 'Number of distinct articles published that day with that source and kind (0 on empty days).';
