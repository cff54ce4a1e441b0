-- Migration: keywords and discovered themes are now computed incrementally (article_terms, term_document_frequency,
-- theme_runs); say so in the comments of the tables they write.
COMMENT ON TABLE article_keywords IS 'One row per top keyword of an article (grain: article_id, keyword): TF-IDF against the document frequencies in term_document_frequency at the time the article was first tokenised; computed once per new article.';
COMMENT ON COLUMN article_keywords.model_version IS 'Keyword extractor version (the tokenizer version is on article_terms).';
COMMENT ON COLUMN article_topics.model_version IS 'Classifier version (iptc) or theme-model run (discovered: theme_runs.model_version) that made the row.';
COMMENT ON COLUMN topics.model_version IS 'Classifier version (iptc) or theme-model run (discovered: theme_runs.model_version) that defined the topic.';
COMMENT ON COLUMN topics.label IS 'English IPTC name, or the readable label of a discovered theme (its most distinctive terms, in Chinese).';
COMMENT ON COLUMN topics.label_zh IS 'Chinese label: of an IPTC topic, or of a discovered theme (its most distinctive terms: heavy in the theme, rare in the others).';
