-- Mentions of places summed per country (the country and its cities; for China also every division),
-- placed at the country's coordinates, or the mean of its cities' where the country itself has none.
WITH country_points AS (
    SELECT country_code,
           coalesce(any_value(longitude) FILTER (WHERE geo_level = 'country'), avg(longitude)) AS longitude,
           coalesce(any_value(latitude) FILTER (WHERE geo_level = 'country'), avg(latitude)) AS latitude,
           coalesce(any_value(name) FILTER (WHERE geo_level = 'country'), country_code) AS name
    FROM places_geo WHERE country_code IS NOT NULL AND longitude IS NOT NULL
    GROUP BY country_code
)
SELECT c.country_code, c.name, c.longitude, c.latitude, sum(g.mentions) AS mentions
FROM places_geo g
JOIN country_points c USING (country_code)
GROUP BY ALL
HAVING sum(g.mentions) > 0
ORDER BY mentions DESC;
