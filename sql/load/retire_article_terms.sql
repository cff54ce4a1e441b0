-- Take out of the document frequencies (and drop the keywords of) every tokenised article that is gone from
-- `articles` or was tokenised by another tokenizer version; the next pass tokenises the survivors again.
UPDATE term_document_frequency d SET df = d.df - r.articles
FROM (
    SELECT term, count(*) AS articles
    FROM (SELECT unnest(t.terms) AS term FROM article_terms t
          WHERE t.tokenizer_version <> $tokenizer_version
             OR NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_id = t.article_id))
    GROUP BY term
) r
WHERE d.term = r.term;
DELETE FROM term_document_frequency WHERE df <= 0;
DELETE FROM article_keywords WHERE article_id IN (
    SELECT t.article_id FROM article_terms t
    WHERE t.tokenizer_version <> $tokenizer_version
       OR NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_id = t.article_id)
);
DELETE FROM article_terms t
WHERE t.tokenizer_version <> $tokenizer_version
   OR NOT EXISTS (SELECT 1 FROM articles a WHERE a.article_id = t.article_id);
