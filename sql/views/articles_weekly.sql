-- View: articles_weekly
-- Grain: one row per (week, source, kind), weeks starting on Monday, empty weeks included with 0.
CREATE OR REPLACE VIEW articles_weekly AS
SELECT CAST(date_trunc('week', day) AS DATE) AS week, source, kind, sum(articles) AS articles
FROM articles_daily
GROUP BY ALL;
COMMENT ON VIEW articles_weekly IS 'Articles per ISO week (Monday first), source and kind; zero for weeks without articles.';
COMMENT ON COLUMN articles_weekly.week IS 'Monday of the ISO week.';
COMMENT ON COLUMN articles_weekly.source IS 'Agency from the dateline or lead; (none) when the article names none.';
COMMENT ON COLUMN articles_weekly.kind IS 'full, teaser or brief.';
COMMENT ON COLUMN articles_weekly.articles IS 'Articles published that week with that source and kind, summed over days: an article aired on two days of the week counts twice (articles_daily counts every airing).';
