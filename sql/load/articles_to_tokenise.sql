-- Articles without a row in article_terms (new since the last corpus run), with the character spans of their
-- entity mentions (kept whole as terms), streamed in batches by the caller.
-- The pending ones are found on ids alone and their texts fetched by rowid: an anti join that carried the texts
-- read every article's text (see load/articles_by_id.sql).
WITH pending_rows AS (
    SELECT a.rowid AS row_id FROM articles a ANTI JOIN article_terms t USING (article_id)
),
pending AS (
    SELECT article_id, title, body FROM articles WHERE rowid IN (SELECT row_id FROM pending_rows)
),
spans AS (
    SELECT m.article_id, list([m.start, m."end"] ORDER BY m.start) AS spans
    FROM entity_mentions m SEMI JOIN pending p USING (article_id)
    GROUP BY m.article_id
)
-- In id order: the same batches in every load (a join's output order is not fixed).
SELECT p.article_id, p.title, p.body, s.spans FROM pending p LEFT JOIN spans s USING (article_id)
ORDER BY p.article_id;
