-- The latest theme-model run (highest run_no), with what the refit rule and the apply step need.
SELECT model_version, run_no, created_at, corpus_articles, model
FROM theme_runs ORDER BY run_no DESC LIMIT 1;
