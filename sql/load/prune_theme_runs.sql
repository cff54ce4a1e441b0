-- Keep the last $keep theme-model runs (by run_no); older runs go with their themes and assignments, as do
-- the scored-by marks of articles that no longer exist.
DELETE FROM article_topics WHERE model_version IN (
    SELECT model_version FROM theme_runs WHERE run_no <= (SELECT max(run_no) FROM theme_runs) - $keep
) OR model_version IN (
    SELECT DISTINCT model_version FROM topics WHERE taxonomy = 'discovered'
    AND model_version NOT IN (SELECT model_version FROM theme_runs)
);
DELETE FROM topics WHERE taxonomy = 'discovered' AND (model_version IN (
    SELECT model_version FROM theme_runs WHERE run_no <= (SELECT max(run_no) FROM theme_runs) - $keep
) OR model_version NOT IN (SELECT model_version FROM theme_runs));
DELETE FROM article_theme_runs WHERE model_version IN (
    SELECT model_version FROM theme_runs WHERE run_no <= (SELECT max(run_no) FROM theme_runs) - $keep
) OR article_id NOT IN (SELECT article_id FROM articles);
DELETE FROM theme_runs WHERE run_no <= (SELECT max(run_no) FROM theme_runs) - $keep;
-- The day counts of themes that are gone.
DELETE FROM topic_day_counts
WHERE topic_id NOT LIKE 'iptc:%' AND topic_id NOT IN (SELECT topic_id FROM topics);
