-- Table: article_theme_runs
-- Grain: one row per (article_id, model_version): the theme-model run has scored the article (even when no theme passed the weight threshold).
CREATE TABLE IF NOT EXISTS article_theme_runs (
    article_id    VARCHAR NOT NULL,
    model_version VARCHAR NOT NULL,
    themes        INTEGER NOT NULL
);
COMMENT ON TABLE article_theme_runs IS 'Which articles each kept theme-model run has scored (grain: article_id, model_version); articles missing here for the latest run are themed by the next corpus run.';
COMMENT ON COLUMN article_theme_runs.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN article_theme_runs.model_version IS 'The theme-model run (theme_runs.model_version).';
COMMENT ON COLUMN article_theme_runs.themes IS 'Themes the run assigned to the article (0 when every weight was below the threshold).';
