-- Mark the articles of the registered frame `incoming_article_theme_runs` as scored by their theme-model run,
-- dropping any earlier assignments of that run to them (the new ones follow from `insert_article_topics`).
DELETE FROM article_topics WHERE (article_id, model_version) IN (
    SELECT article_id, model_version FROM incoming_article_theme_runs
);
DELETE FROM article_theme_runs WHERE (article_id, model_version) IN (
    SELECT article_id, model_version FROM incoming_article_theme_runs
);
INSERT INTO article_theme_runs BY NAME SELECT * FROM incoming_article_theme_runs;
