-- New entities from the registered frame `incoming_entities`; existing ones are kept unless a newer extractor made these.
MERGE INTO entities
USING incoming_entities AS incoming ON entities.entity_id = incoming.entity_id
WHEN MATCHED AND entities.extractor_version <> incoming.extractor_version THEN UPDATE BY NAME
WHEN NOT MATCHED THEN INSERT BY NAME;
