-- Entities (and their aliases) among the given ids that no mention points at any more,
-- and aliases no mention uses any more.
-- The mentions looked at are those of the given entities only: a NOT IN over every mention built a hash table of
-- the whole table (2.4 s per add at 1 M articles).
DELETE FROM entities
WHERE entity_id IN (SELECT unnest($entity_ids::VARCHAR[]))
  AND entity_id NOT IN (  -- DISTINCT: the mentions of a well-known name number in the 100,000s, its id is one row
      SELECT DISTINCT entity_id FROM entity_mentions WHERE entity_id IN (SELECT unnest($entity_ids::VARCHAR[]))
  );
DELETE FROM entity_aliases
WHERE entity_id IN (SELECT unnest($entity_ids::VARCHAR[]))
  AND (entity_id, alias) NOT IN (
      SELECT DISTINCT entity_id, surface FROM entity_mentions
      WHERE entity_id IN (SELECT unnest($entity_ids::VARCHAR[]))
  );
