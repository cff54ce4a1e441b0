-- Migration: search_documents carries what a search hit shows (title, kind, publication day, source), so
-- search_articles ranks and shows its hits from the index alone. Joining each hit back to articles read every
-- article's id and title: 170 of 257 ms of a query at 1 M articles. Grain unchanged (one row per indexed article).
-- The search step writes these with the document (sql/load/search_insert_documents.sql); an article's row changes
-- only when a dump holding it is (re)loaded, and that dump's search step re-indexes it (check articles_indexed).
ALTER TABLE search_documents ADD COLUMN title VARCHAR;
ALTER TABLE search_documents ADD COLUMN kind VARCHAR;
ALTER TABLE search_documents ADD COLUMN published_on DATE;
ALTER TABLE search_documents ADD COLUMN source VARCHAR;
UPDATE search_documents SET title = a.title, kind = a.kind, published_on = a.published_on, source = a.source
FROM articles a
WHERE search_documents.article_id = a.article_id;
COMMENT ON COLUMN search_documents.title IS 'The article''s title (articles.title) as indexed, shown by search_articles.';
COMMENT ON COLUMN search_documents.kind IS 'full or teaser (articles.kind): search_articles ranks teasers below full reports.';
COMMENT ON COLUMN search_documents.published_on IS 'The article''s publication day (articles.published_on).';
COMMENT ON COLUMN search_documents.source IS 'The outlet (articles.source).';
