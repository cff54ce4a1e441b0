-- Pairs of articles sharing an index key, for the incoming articles only: (article_id, other_id).
SELECT DISTINCT i.article_id, s.article_id AS other_id
FROM incoming_story_bands i
JOIN story_bands s ON s.band = i.band AND s.band_hash = i.band_hash AND s.article_id <> i.article_id
ORDER BY 1, 2;
