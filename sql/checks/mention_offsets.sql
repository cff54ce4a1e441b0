-- Mentions, amounts and dates of the given articles whose offsets do not slice back to their surface.
-- Each row: `violations` (all of them, counted before the LIMIT), then the violating row itself.
WITH found AS (
    WITH texts AS (  -- by rowid: see load/articles_by_id.sql
        SELECT article_id, title || chr(10) || body AS text FROM articles
        WHERE rowid IN (SELECT rowid FROM articles WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])))
    )
    SELECT 'entity_mentions' AS source, m.article_id, m.start, m."end", m.surface
    FROM entity_mentions m JOIN texts t USING (article_id)
    WHERE substring(t.text, m.start + 1, m."end" - m.start) <> m.surface
    UNION ALL
    SELECT 'amounts', x.article_id, x.start, x."end", x.surface
    FROM amounts x JOIN texts t USING (article_id)
    WHERE substring(t.text, x.start + 1, x."end" - x.start) <> x.surface
    UNION ALL
    SELECT 'dates_mentioned', x.article_id, x.start, x."end", x.surface
    FROM dates_mentioned x JOIN texts t USING (article_id)
    WHERE substring(t.text, x.start + 1, x."end" - x.start) <> x.surface
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
