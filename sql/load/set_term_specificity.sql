-- Specificity and keyword worthiness of the terms in the registered frame `incoming_term_specificity`
-- (term, specificity, worthiness).
UPDATE term_document_frequency d SET specificity = s.specificity, worthiness = s.worthiness
FROM incoming_term_specificity s
WHERE d.term = s.term;
