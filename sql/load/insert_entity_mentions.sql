-- Mentions from the registered frame `incoming_mentions`.
INSERT INTO entity_mentions
SELECT article_id, entity_id, type, surface, start, "end", method, extractor_version FROM incoming_mentions;
