-- Remove the IPTC assignments of these articles before writing them again.
DELETE FROM article_topics
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[])) AND topic_id LIKE 'iptc:%';
