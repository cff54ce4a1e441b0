-- What extraction needs of the given articles (one batch of a run's article ids).
-- Rows are found by id first and fetched by rowid: a lake scan filtered on a random id reads every article's
-- text, while the rowids of new articles lie in a few new data files that the rowid filter alone opens.
WITH wanted AS (SELECT rowid AS row_id FROM articles WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])))
SELECT article_id, title, body, kind, published_on, source
FROM articles
WHERE rowid IN (SELECT row_id FROM wanted)
ORDER BY article_id;
