-- The report's "tone by country": tone of the sentences mentioning the $top most mentioned countries, per
-- period ($unit: day, week or month).
WITH top AS (
    SELECT entity_id FROM entity_tone_daily WHERE geo_level = 'country'
    GROUP BY entity_id ORDER BY sum(sentences) DESC, entity_id LIMIT $top
)
SELECT CAST(date_trunc($unit, day) AS DATE) AS period, name, CAST(sum(sentences) AS BIGINT) AS sentences,
       CASE WHEN sum(positive) + sum(negative) > 0
            THEN (sum(positive) - sum(negative)) / (sum(positive) + sum(negative)) ELSE 0 END AS polarity
FROM entity_tone_daily
WHERE entity_id IN (SELECT entity_id FROM top)
GROUP BY ALL
ORDER BY name, period;
