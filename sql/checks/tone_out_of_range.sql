-- Tone rows of the given articles with a polarity outside [-1, 1], negative sums or an unknown label.
WITH found AS (
    SELECT 'article_tone' AS source, article_id, polarity, positive, negative FROM article_tone
    WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]))
      AND (polarity NOT BETWEEN -1 AND 1 OR positive < 0 OR negative < 0
           OR label NOT IN ('negative', 'neutral', 'positive'))
    UNION ALL
    SELECT 'sentence_tone', article_id, polarity, positive, negative FROM sentence_tone
    WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]))
      AND (polarity NOT BETWEEN -1 AND 1 OR positive < 0 OR negative < 0)
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
