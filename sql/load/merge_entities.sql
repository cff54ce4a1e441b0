-- New entities from the registered frame `incoming_entities`; existing ones are kept unless a newer extractor made these.
INSERT INTO entities BY NAME SELECT * FROM incoming_entities
ON CONFLICT (entity_id) DO UPDATE SET
    type = excluded.type, name = excluded.name, canonical_key = excluded.canonical_key,
    country_code = excluded.country_code, adcode = excluded.adcode, province = excluded.province,
    city = excluded.city, county = excluded.county, longitude = excluded.longitude,
    latitude = excluded.latitude, geo_level = excluded.geo_level, extractor_version = excluded.extractor_version
WHERE entities.extractor_version <> excluded.extractor_version;
