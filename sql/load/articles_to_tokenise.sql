-- Articles without a row in article_terms (new since the last corpus run), streamed in batches by the caller.
SELECT a.article_id, a.title, a.body
FROM articles a ANTI JOIN article_terms t USING (article_id);
