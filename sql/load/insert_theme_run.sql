-- Record a fitted theme-model run as the latest (re-fitting an identical sample makes that run the latest again).
INSERT INTO theme_runs (model_version, run_no, created_at, corpus_articles, sample_articles, n_themes, model)
VALUES ($model_version, (SELECT coalesce(max(run_no), 0) + 1 FROM theme_runs), $created_at, $corpus_articles,
        $sample_articles, $n_themes, $model)
ON CONFLICT (model_version) DO UPDATE SET
    run_no = excluded.run_no, created_at = excluded.created_at, corpus_articles = excluded.corpus_articles;
