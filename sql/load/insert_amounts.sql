-- Money and percent expressions from the registered frame `incoming_amounts`.
INSERT INTO amounts BY NAME SELECT * FROM incoming_amounts;
