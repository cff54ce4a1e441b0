-- The ids of the articles of the given dump files, in order: the extraction steps read their texts batch by batch.
-- In order of their first publication day, so that a batch's articles share few days: each batch refreshes the
-- day aggregates (entity_day_counts, topic_day_counts, entity_tone_day) of the days it touches, and batches in id
-- order touched nearly every day of a long backfill each time.
SELECT o.article_id
FROM article_occurrences o
JOIN dumps d ON d.dump_id = o.dump_id AND d.status = 'loaded'
WHERE d.file_key IN (SELECT unnest($file_keys::VARCHAR[]))
GROUP BY o.article_id
ORDER BY min(o.published_on) NULLS LAST, o.article_id;
