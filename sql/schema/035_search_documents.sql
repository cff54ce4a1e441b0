-- Table: search_documents
-- Grain: one row per indexed article (article_id); doc_no is the compact key the postings use.
CREATE TABLE IF NOT EXISTS search_documents (
    article_id     VARCHAR NOT NULL,
    doc_no         INTEGER NOT NULL,
    length         INTEGER NOT NULL,
    search_version VARCHAR NOT NULL
);
COMMENT ON TABLE search_documents IS 'One row per article in the full-text index (grain: article_id): its document number and length for BM25. Maintained by the search_index asset.';
COMMENT ON COLUMN search_documents.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN search_documents.doc_no IS 'Integer document number used by search_postings (smaller and faster to join than article_id).';
COMMENT ON COLUMN search_documents.length IS 'Document length for BM25: the sum of its term frequencies (title terms weighted).';
COMMENT ON COLUMN search_documents.search_version IS 'Version of the term extractor (pipelines/search/terms.py) that indexed the article.';
