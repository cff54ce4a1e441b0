-- Surface forms from the registered frame `incoming_aliases`; an alias already recorded is kept as it is.
MERGE INTO entity_aliases
USING incoming_aliases AS incoming
ON entity_aliases.entity_id = incoming.entity_id AND entity_aliases.alias = incoming.alias
WHEN NOT MATCHED THEN INSERT BY NAME;
