-- Migration: each term's specificity outside this corpus (from the segmenter's general dictionary), stored beside its
-- document frequency so that keyword scoring can rank generic words of any prose (会议, 经济, 合作伙伴) below specific
-- terms and names. Grain unchanged (one row per term); filled by the corpus step for every term that lacks it.
ALTER TABLE term_document_frequency ADD COLUMN specificity DOUBLE;
COMMENT ON COLUMN term_document_frequency.specificity IS 'How specific the term is outside this corpus, in (0, 1]: 1 - ln(1 + f) / ln(total) for a word of the segmenter''s general dictionary with frequency f (a set phrase of two dictionary words: their mean), 1.0 for names and other terms the dictionary lacks (pipelines.topics.terms.term_specificity); keyword scores are multiplied by it. NULL until the corpus step fills it.';
COMMENT ON TABLE article_keywords IS 'One row per top keyword of an article (grain: article_id, keyword): TF-IDF against the document frequencies in term_document_frequency at the time the article was first tokenised, times the term''s specificity; computed once per new article.';
