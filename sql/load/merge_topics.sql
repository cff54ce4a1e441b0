-- Topic definitions from the registered frame `incoming_topics` (IPTC taxonomy or a theme-model run).
MERGE INTO topics
USING incoming_topics AS incoming ON topics.topic_id = incoming.topic_id
WHEN MATCHED AND topics.model_version <> incoming.model_version THEN UPDATE BY NAME
WHEN NOT MATCHED THEN INSERT BY NAME;
