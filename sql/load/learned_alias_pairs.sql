-- Short forms linked to a full name in some article, for the reasons that hold across articles ($reasons):
-- the entity step links the same short form seen alone when it points at one entity only.
SELECT e.type, a.alias, a.reason, a.entity_id, a.full_form
FROM entity_aliases a
JOIN entities e USING (entity_id)
WHERE a.reason IN (SELECT unnest($reasons::VARCHAR[]));
