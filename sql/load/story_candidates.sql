-- Pairs of articles sharing an index key, for the incoming articles only: (article_id, other_id).
-- LSH bands (>= 0) pair any two articles; opening keys pair a teaser (band -1) with a non-teaser (band -2) only.
SELECT DISTINCT i.article_id, s.article_id AS other_id
FROM incoming_story_bands i
JOIN story_bands s
  ON s.band_hash = i.band_hash
 AND s.band = CASE i.band WHEN -1 THEN -2 WHEN -2 THEN -1 ELSE i.band END
 AND s.article_id <> i.article_id
ORDER BY 1, 2;
