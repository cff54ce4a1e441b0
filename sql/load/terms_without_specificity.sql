-- Terms whose specificity is not yet known: those a new batch of articles brought, or rows older than the column.
SELECT term FROM term_document_frequency WHERE specificity IS NULL;
