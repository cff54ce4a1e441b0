-- Links touching the given articles: (article_id, other_id, relation).
SELECT article_id, other_id, relation FROM story_links
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])) OR other_id IN (SELECT unnest($article_ids::VARCHAR[]))
ORDER BY 1, 2, 3;
