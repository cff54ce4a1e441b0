-- Tokenised articles the given theme-model run has not scored yet, streamed in batches by the caller.
SELECT t.article_id, t.terms, t.counts
FROM article_terms t
WHERE NOT EXISTS (SELECT 1 FROM article_theme_runs r WHERE r.article_id = t.article_id AND r.model_version = $model_version);
