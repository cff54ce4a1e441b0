-- Tone rows of the given articles, before they are scored again (re-runs replace them).
DELETE FROM article_tone WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
DELETE FROM sentence_tone WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
