-- View: calendar_days
-- Grain: one row per day from the first to the last publication day in `articles`, days without articles included.
CREATE OR REPLACE VIEW calendar_days AS
SELECT CAST(unnest(generate_series(min(published_on), max(published_on), INTERVAL 1 DAY)) AS DATE) AS day
FROM articles;
COMMENT ON VIEW calendar_days IS 'Every day from the first to the last publication day (left-join onto it to give empty days a zero).';
COMMENT ON COLUMN calendar_days.day IS 'A calendar day between min(articles.published_on) and max(articles.published_on).';
