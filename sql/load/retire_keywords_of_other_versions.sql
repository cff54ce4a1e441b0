-- When the keyword rules change (another $model_version: a new formula, threshold or worthiness model), every stored
-- keyword and every stored term score (specificity, worthiness) is retired; the keyword step fills the scores again
-- and recomputes the keywords of every article, as a tokenizer change does.
UPDATE term_document_frequency SET specificity = NULL, worthiness = NULL
WHERE EXISTS (SELECT 1 FROM article_keywords WHERE model_version <> $model_version);
DELETE FROM article_keywords WHERE model_version <> $model_version;
