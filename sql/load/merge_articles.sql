-- Insert new articles from the registered frame `incoming_articles`. An article already present
-- (same text from another dump) keeps its row, so the load order of dumps never changes it;
-- only a newer parser version rewrites it.
INSERT INTO articles BY NAME
SELECT * FROM incoming_articles
ON CONFLICT (article_id) DO UPDATE SET
    title = excluded.title,
    body = excluded.body,
    kind = excluded.kind,
    source = excluded.source,
    dateline_place = excluded.dateline_place,
    published_on = excluded.published_on,
    published_on_method = excluded.published_on_method,
    published_on_confidence = excluded.published_on_confidence,
    published_on_year_guessed = excluded.published_on_year_guessed,
    authors = excluded.authors,
    char_count = excluded.char_count,
    extractor_version = excluded.extractor_version
WHERE articles.extractor_version <> excluded.extractor_version;
