-- Term counts of newly tokenised articles from the registered frame `incoming_article_terms`; each article adds
-- one to the document frequency of each of its terms, exactly once (article_terms.article_id is the key).
DELETE FROM article_keywords WHERE article_id IN (SELECT article_id FROM incoming_article_terms);
INSERT INTO term_document_frequency BY NAME
SELECT term, count(*) AS df FROM (SELECT unnest(terms) AS term FROM incoming_article_terms) GROUP BY term
ON CONFLICT (term) DO UPDATE SET df = term_document_frequency.df + excluded.df;
INSERT INTO article_terms BY NAME SELECT * FROM incoming_article_terms;
