-- Record a fitted theme-model run as the latest (re-fitting an identical sample makes that run the latest again).
INSERT INTO theme_runs BY NAME
SELECT $model_version AS model_version, (SELECT coalesce(max(run_no), 0) + 1 FROM theme_runs) AS run_no,
       $created_at AS created_at, $corpus_articles AS corpus_articles, $sample_articles AS sample_articles,
       $n_themes AS n_themes, $model AS model
ON CONFLICT (model_version) DO UPDATE SET
    run_no = excluded.run_no, created_at = excluded.created_at, corpus_articles = excluded.corpus_articles;
