-- Topic definitions from the registered frame `incoming_topics` (IPTC taxonomy or a theme-model run).
INSERT INTO topics BY NAME SELECT * FROM incoming_topics
ON CONFLICT (topic_id) DO UPDATE SET
    taxonomy = excluded.taxonomy, code = excluded.code, label = excluded.label, label_zh = excluded.label_zh,
    top_terms = excluded.top_terms, model_version = excluded.model_version
WHERE topics.model_version <> excluded.model_version;
