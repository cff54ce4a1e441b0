-- View: articles_monthly
-- Grain: one row per (month, source, kind), empty months included with 0.
CREATE OR REPLACE VIEW articles_monthly AS
SELECT CAST(date_trunc('month', day) AS DATE) AS month, source, kind, sum(articles) AS articles
FROM articles_daily
GROUP BY ALL;
COMMENT ON VIEW articles_monthly IS 'Articles per calendar month, source and kind; zero for months without articles.';
COMMENT ON COLUMN articles_monthly.month IS 'First day of the month.';
COMMENT ON COLUMN articles_monthly.source IS 'Agency from the dateline or lead; (none) when the article names none.';
COMMENT ON COLUMN articles_monthly.kind IS 'full, teaser or brief.';
COMMENT ON COLUMN articles_monthly.articles IS 'Articles published that month with that source and kind, summed over days: an article aired on two days of the month counts twice (articles_daily counts every airing).';
