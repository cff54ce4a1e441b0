-- The publication days of the articles found in the given dump files (the days a run's rankings change on).
SELECT DISTINCT a.published_on
FROM articles a
JOIN article_occurrences o USING (article_id)
JOIN dumps d ON d.dump_id = o.dump_id
WHERE d.file_key IN (SELECT unnest($file_keys::VARCHAR[])) AND a.published_on IS NOT NULL;
