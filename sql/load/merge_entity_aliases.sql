-- Surface forms from the registered frame `incoming_aliases`.
INSERT INTO entity_aliases BY NAME SELECT * FROM incoming_aliases
ON CONFLICT DO NOTHING;
