-- Entities (and their aliases) among the given ids that no mention points at any more,
-- and aliases no mention uses any more.
DELETE FROM entities
WHERE entity_id IN (SELECT unnest($entity_ids::VARCHAR[]))
  AND entity_id NOT IN (SELECT entity_id FROM entity_mentions);
DELETE FROM entity_aliases
WHERE entity_id IN (SELECT unnest($entity_ids::VARCHAR[]))
  AND (entity_id, alias) NOT IN (SELECT DISTINCT entity_id, surface FROM entity_mentions);
