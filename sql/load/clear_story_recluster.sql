DELETE FROM story_recluster WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
