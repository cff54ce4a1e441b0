-- Term counts of newly tokenised articles from the registered frame `incoming_article_terms`; each article adds
-- one to the document frequency of each of its terms, exactly once (article_terms.article_id is the key).
DELETE FROM article_keywords WHERE article_id IN (SELECT article_id FROM incoming_article_terms);
MERGE INTO term_document_frequency
USING (SELECT term, count(*) AS df FROM (SELECT unnest(terms) AS term FROM incoming_article_terms) GROUP BY term) AS incoming
ON term_document_frequency.term = incoming.term
WHEN MATCHED THEN UPDATE SET df = term_document_frequency.df + incoming.df
WHEN NOT MATCHED THEN INSERT (term, df) VALUES (incoming.term, incoming.df);
INSERT INTO article_terms BY NAME SELECT * FROM incoming_article_terms;
