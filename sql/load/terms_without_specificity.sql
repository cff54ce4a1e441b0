-- Terms whose specificity or keyword worthiness is not yet known: those a new batch of articles brought, or rows older
-- than either column.
SELECT term FROM term_document_frequency WHERE specificity IS NULL OR worthiness IS NULL;
