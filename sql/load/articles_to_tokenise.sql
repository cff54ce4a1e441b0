-- Articles without a row in article_terms (new since the last corpus run), with the character spans of their
-- entity mentions (kept whole as terms), streamed in batches by the caller.
WITH pending AS (
    SELECT a.article_id, a.title, a.body FROM articles a ANTI JOIN article_terms t USING (article_id)
),
spans AS (
    SELECT m.article_id, list([m.start, m."end"] ORDER BY m.start) AS spans
    FROM entity_mentions m SEMI JOIN pending p USING (article_id)
    GROUP BY m.article_id
)
SELECT p.article_id, p.title, p.body, s.spans FROM pending p LEFT JOIN spans s USING (article_id);
