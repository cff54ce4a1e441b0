-- Where each parsed record of the dump sits, from the registered frame `incoming_occurrences`.
INSERT INTO article_occurrences BY NAME SELECT * FROM incoming_occurrences;
