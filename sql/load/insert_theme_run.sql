-- Record a fitted theme-model run as the latest (re-fitting an identical sample makes that run the latest again).
MERGE INTO theme_runs
USING (
    SELECT $model_version AS model_version, (SELECT coalesce(max(run_no), 0) + 1 FROM theme_runs) AS run_no,
           $created_at AS created_at, $corpus_articles AS corpus_articles, $sample_articles AS sample_articles,
           $n_themes AS n_themes, $model AS model
) AS incoming ON theme_runs.model_version = incoming.model_version
WHEN MATCHED THEN UPDATE SET
    run_no = incoming.run_no, created_at = incoming.created_at, corpus_articles = incoming.corpus_articles
WHEN NOT MATCHED THEN INSERT BY NAME;
