-- Surface forms from the registered frame `incoming_aliases`.
INSERT INTO entity_aliases SELECT entity_id, alias FROM incoming_aliases ON CONFLICT DO NOTHING;
