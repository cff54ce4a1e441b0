-- Date expressions from the registered frame `incoming_dates`.
INSERT INTO dates_mentioned BY NAME SELECT * FROM incoming_dates;
