-- Quotations from the registered frame `incoming_quotations`.
INSERT INTO quotations BY NAME SELECT * FROM incoming_quotations;
