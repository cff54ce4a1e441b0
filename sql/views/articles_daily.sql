-- View: articles_daily
-- Grain: one row per (day, source, kind): how many articles were published.
CREATE OR REPLACE VIEW articles_daily AS
SELECT published_on AS day, coalesce(source, '(none)') AS source, kind, count(*) AS articles
FROM articles
GROUP BY ALL;
COMMENT ON VIEW articles_daily IS 'Articles per publication day, source and kind.';
