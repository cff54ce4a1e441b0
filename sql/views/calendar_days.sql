-- View: calendar_days
-- Grain: one row per day from the first to the last publication day (of any airing), days without articles included.
CREATE OR REPLACE VIEW calendar_days AS
SELECT CAST(unnest(generate_series(min(day), max(day), INTERVAL 1 DAY)) AS DATE) AS day
FROM (SELECT published_on AS day FROM articles UNION ALL SELECT published_on FROM article_occurrences);
COMMENT ON VIEW calendar_days IS 'Every day from the first to the last publication day (left-join onto it to give empty days a zero).';
COMMENT ON COLUMN calendar_days.day IS 'A calendar day between the first and the last publication day of any airing (articles.published_on, article_occurrences.published_on).';
