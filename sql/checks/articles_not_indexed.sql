-- Articles of the run that have no row in the full-text index, or whose row shows another title, kind,
-- publication day or source than the article (search_articles shows hits from the index row).
-- Both sides are found on ids and fetched by rowid (see load/articles_by_id.sql).
-- Each row: `violations` (all of them, counted before the LIMIT), then the violating row itself.
WITH run_articles AS (
    SELECT article_id, title, kind, published_on, source FROM articles
    WHERE rowid IN (SELECT rowid FROM articles WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])))
),
indexed AS (
    SELECT article_id, title, kind, published_on, source FROM search_documents
    WHERE rowid IN (
        SELECT rowid FROM search_documents WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]))
    )
),
found AS (
    SELECT a.article_id, CASE WHEN d.article_id IS NULL THEN 'not indexed' ELSE 'index row out of date' END AS problem
    FROM run_articles a LEFT JOIN indexed d USING (article_id)
    WHERE d.article_id IS NULL
       OR (a.title, a.kind, a.published_on, a.source) IS DISTINCT FROM (d.title, d.kind, d.published_on, d.source)
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
