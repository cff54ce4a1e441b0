-- Entity mentions of the given articles that can speak or be spoken of: the outlet and its reporters
-- (boilerplate methods) are left out, and one-character place abbreviations (migration 091), as in the rankings.
SELECT article_id, start, "end", entity_id, type, surface
FROM entity_mentions
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]))
  AND method NOT IN ('source', 'byline', 'boilerplate', 'dateline', 'abbreviation')
ORDER BY article_id, start, "end";
