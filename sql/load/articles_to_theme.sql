-- Tokenised articles the given theme-model run has not scored yet, streamed in batches by the caller.
-- Found on ids alone, their term lists fetched by rowid (see load/articles_by_id.sql). In id order: the batches,
-- and so the order in which scores are added to topic_day_counts.score_sum, are the same in every load.
WITH pending_rows AS (
    SELECT t.rowid AS row_id FROM article_terms t
    WHERE NOT EXISTS (
        SELECT 1 FROM article_theme_runs r WHERE r.article_id = t.article_id AND r.model_version = $model_version
    )
)
SELECT t.article_id, t.terms, t.counts
FROM article_terms t
WHERE t.rowid IN (SELECT row_id FROM pending_rows)
ORDER BY t.article_id;
