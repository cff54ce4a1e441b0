-- Insert new articles from the registered frame `incoming_articles`. An article already present
-- (same text from another dump) keeps its row, so the load order of dumps never changes it;
-- only a newer parser version rewrites it. (A MERGE: the lake has no keys to conflict on.)
MERGE INTO articles
USING incoming_articles AS incoming ON articles.article_id = incoming.article_id
WHEN MATCHED AND articles.extractor_version <> incoming.extractor_version THEN UPDATE BY NAME
WHEN NOT MATCHED THEN INSERT BY NAME;
