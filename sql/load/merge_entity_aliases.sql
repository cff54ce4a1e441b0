-- Surface forms from the registered frame `incoming_aliases`.
INSERT INTO entity_aliases (entity_id, alias, extractor_version)
SELECT entity_id, alias, extractor_version FROM incoming_aliases
ON CONFLICT DO NOTHING;
