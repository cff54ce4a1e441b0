-- Mentions from the registered frame `incoming_mentions`.
INSERT INTO entity_mentions BY NAME SELECT * FROM incoming_mentions;
