-- Places mentioned in Zhejiang, with coordinates, most mentioned first.
SELECT name, geo_level, adcode, longitude, latitude, mentions
FROM places_geo WHERE province = '浙江省' ORDER BY mentions DESC, name;
