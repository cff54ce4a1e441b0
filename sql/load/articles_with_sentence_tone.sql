-- How many of the given articles have sentence tone: none means their mentions count for nothing in entity_tone_day.
SELECT count(DISTINCT article_id)
FROM sentence_tone
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
