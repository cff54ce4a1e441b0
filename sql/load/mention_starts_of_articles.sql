-- Where the given articles' entity mentions start (character offsets), one list per article: all the tone step
-- needs of them (sentences holding one get a sentence_tone row). Same mentions as load/mentions_of_articles.
SELECT article_id, list(start ORDER BY start) AS starts
FROM entity_mentions
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]))
  AND method NOT IN ('source', 'byline', 'boilerplate', 'dateline', 'abbreviation')
GROUP BY article_id;
