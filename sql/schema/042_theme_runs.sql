-- Table: theme_runs
-- Grain: one row per theme-model run (model_version): a topic model fitted on a bounded sample of the corpus.
-- The latest run is the one with the highest run_no (also the newest created_at); only the last few runs are kept.
CREATE TABLE IF NOT EXISTS theme_runs (
    model_version   VARCHAR NOT NULL,
    run_no          INTEGER NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    corpus_articles BIGINT NOT NULL,
    sample_articles BIGINT NOT NULL,
    n_themes        INTEGER NOT NULL,
    model           BLOB NOT NULL
);
COMMENT ON TABLE theme_runs IS 'One row per discovered-theme model run (grain: model_version). The latest run (max run_no) is applied to new articles; older runs beyond the retention count are pruned with their topics and assignments.';
COMMENT ON COLUMN theme_runs.model_version IS 'Run id: themes-<hash of the fitted sample>-k<themes>; topics.model_version and article_topics.model_version point here.';
COMMENT ON COLUMN theme_runs.run_no IS 'Increasing run number: the highest is the latest run.';
COMMENT ON COLUMN theme_runs.created_at IS 'When the run was fitted (UTC).';
COMMENT ON COLUMN theme_runs.corpus_articles IS 'Tokenised articles in the corpus when the run was fitted (drives the refit-on-growth rule).';
COMMENT ON COLUMN theme_runs.sample_articles IS 'Articles the model was fitted on (a bounded, deterministic sample).';
COMMENT ON COLUMN theme_runs.n_themes IS 'Number of themes of the run.';
COMMENT ON COLUMN theme_runs.model IS 'The fitted model (vocabulary, IDF, theme-term matrix) as a numpy .npz archive, used to theme new articles.';
