-- Size of the tokenised corpus and of its vocabulary.
SELECT (SELECT count(*) FROM article_terms) AS articles, (SELECT count(*) FROM term_document_frequency) AS terms;
