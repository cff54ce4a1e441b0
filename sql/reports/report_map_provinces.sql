-- Mentions of places in China summed per province (the province itself, its cities and counties), placed at
-- the province's coordinates (its capital, from the geocoder).
WITH province_points AS (
    SELECT province, any_value(longitude) AS longitude, any_value(latitude) AS latitude
    FROM places_geo WHERE geo_level = 'province' AND longitude IS NOT NULL
    GROUP BY province
)
SELECT g.province, p.longitude, p.latitude, sum(g.mentions) AS mentions, count(*) AS places
FROM places_geo g
JOIN province_points p USING (province)
WHERE g.country_code = 'CN' AND g.province IS NOT NULL
GROUP BY ALL
HAVING sum(g.mentions) > 0
ORDER BY mentions DESC;
