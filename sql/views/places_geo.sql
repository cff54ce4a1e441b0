-- View: places_geo
-- Grain: one row per place entity: coordinates and how often it is mentioned (boilerplate mentions left out).
CREATE OR REPLACE VIEW places_geo AS
SELECT e.entity_id, e.name, e.country_code, e.adcode, e.province, e.city, e.county, e.geo_level,
       e.longitude, e.latitude, count(m.article_id) AS mentions, count(DISTINCT m.article_id) AS articles
FROM entities e
LEFT JOIN entity_mentions m
       ON m.entity_id = e.entity_id AND m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline')
WHERE e.type = 'LOC'
GROUP BY ALL;
COMMENT ON VIEW places_geo IS 'Places with coordinates (NULL when unresolved) and their mention counts (boilerplate left out), ready for a map.';
