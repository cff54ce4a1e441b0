-- Specificity of the terms in the registered frame `incoming_term_specificity` (term, specificity).
UPDATE term_document_frequency d SET specificity = s.specificity
FROM incoming_term_specificity s
WHERE d.term = s.term;
