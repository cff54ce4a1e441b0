-- View: places_geo
-- Grain: one row per place entity: coordinates and how often it is mentioned (boilerplate mentions left out).
CREATE OR REPLACE VIEW places_geo AS
SELECT e.entity_id, e.name, e.country_code, e.adcode, e.province, e.city, e.county, e.geo_level,
       e.longitude, e.latitude, coalesce(c.mentions, 0) AS mentions, coalesce(c.articles, 0) AS articles
FROM entities e
LEFT JOIN (
    -- The day aggregate (boilerplate already left out); an article has one day, so summed articles are distinct.
    SELECT entity_id, CAST(sum(mentions) AS BIGINT) AS mentions, CAST(sum(articles) AS BIGINT) AS articles
    FROM entity_day_counts GROUP BY entity_id
) c USING (entity_id)
WHERE e.type = 'LOC';
COMMENT ON VIEW places_geo IS 'Places with coordinates (NULL when unresolved) and their mention counts (boilerplate left out), ready for a map.';
COMMENT ON COLUMN places_geo.entity_id IS 'The place (entities.entity_id).';
COMMENT ON COLUMN places_geo.name IS 'Display name of the place.';
COMMENT ON COLUMN places_geo.country_code IS 'ISO 3166-1 alpha-2 country (CN for Chinese divisions); NULL when unresolved.';
COMMENT ON COLUMN places_geo.adcode IS 'Chinese administrative division code (6 digits) for places in China; NULL elsewhere.';
COMMENT ON COLUMN places_geo.province IS 'Province-level division for places in China.';
COMMENT ON COLUMN places_geo.city IS 'Prefecture-level city for places in China.';
COMMENT ON COLUMN places_geo.county IS 'County-level division for places in China.';
COMMENT ON COLUMN places_geo.geo_level IS 'country, province, city, county or world_city; NULL when unresolved (entities.geo_level).';
COMMENT ON COLUMN places_geo.longitude IS 'Longitude in degrees (WGS84); NULL when unresolved.';
COMMENT ON COLUMN places_geo.latitude IS 'Latitude in degrees (WGS84); NULL when unresolved.';
COMMENT ON COLUMN places_geo.mentions IS 'Mentions of the place in all articles.';
COMMENT ON COLUMN places_geo.articles IS 'Distinct articles mentioning the place.';
