-- Migration: each term's learned keyword worthiness (pipelines.topics.worthiness), stored beside its document
-- frequency and specificity so that the keyword step in SQL drops the same terms as the in-memory extractor.
-- Grain unchanged (one row per term); filled by the corpus step for every term that lacks it.
ALTER TABLE term_document_frequency ADD COLUMN worthiness DOUBLE;
COMMENT ON COLUMN term_document_frequency.worthiness IS 'Learned probability, in (0, 1), that the term is a keyword a reader would accept, from features of the term alone (jieba part of speech, dictionary frequency, specificity, length, first and last character): a logistic regression trained on hand-judged bench keywords (pipelines/topics/resources/keyword_worthiness.json). A term below the model''s threshold is no keyword. NULL until the corpus step fills it.';
