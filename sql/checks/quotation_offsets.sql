-- Quotations whose offsets do not slice back to their quote (characters) or whose byte range is not the
-- UTF-8 length of the text before and through the quote.
WITH found AS (
    SELECT q.article_id, q.start, q."end", q.quote
    FROM quotations q
    JOIN (  -- the articles' texts by rowid: see load/articles_by_id.sql
        SELECT article_id, title, body FROM articles
        WHERE rowid IN (SELECT rowid FROM articles WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])))
    ) a USING (article_id)
    WHERE q.article_id IN (SELECT unnest($article_ids::VARCHAR[]))
      AND (substring(a.title || chr(10) || a.body, q.start + 1, q."end" - q.start) <> q.quote
           OR octet_length(encode(substring(a.title || chr(10) || a.body, 1, q.start))) <> q.byte_start
           OR q.byte_end - q.byte_start <> octet_length(encode(q.quote)))
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
