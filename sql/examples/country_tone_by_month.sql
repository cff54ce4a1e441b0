-- Was coverage of a country warmer or colder: the tone of the sentences that mention each country, per month
-- (polarity in [-1, 1]; sentences = how much evidence there is). Most mentioned countries first.
WITH top AS (
    SELECT entity_id FROM entity_tone_monthly WHERE geo_level = 'country'
    GROUP BY entity_id ORDER BY sum(sentences) DESC, entity_id LIMIT 5
)
SELECT month, name, sentences, round(positive, 2) AS positive, round(negative, 2) AS negative,
       round(polarity, 3) AS polarity
FROM entity_tone_monthly
WHERE entity_id IN (SELECT entity_id FROM top)
ORDER BY name, month;
