-- Index keys and links of the given articles, before they are computed again (re-runs replace them).
DELETE FROM story_bands WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
DELETE FROM story_links
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])) OR other_id IN (SELECT unnest($article_ids::VARCHAR[]));
