-- topic_day_counts now counts discovered themes too (every kept theme run), so topic_daily and the topic
-- examples never aggregate article_topics at query time (1.2 to 1.6 s at 1 M articles before). The theme
-- step refreshes the days of the articles it themes; pruning a run removes its themes' rows.
COMMENT ON TABLE topic_day_counts IS 'Topic assignments (IPTC topics and the themes of each kept theme run) per topic and publication day (grain: topic_id, day): a small aggregate of article_topics that topic_daily and the topic examples read instead of the assignment table. Recomputed, per touched day, in the same transaction as every write of assignments or of article dates.';
COMMENT ON COLUMN topic_day_counts.topic_id IS 'The topic (topics.topic_id): iptc:... or a discovered theme of a kept run.';
INSERT INTO topic_day_counts (topic_id, day, articles, score_sum)
SELECT tp.topic_id, a.published_on, count(*), sum(tp.score)
FROM article_topics tp JOIN articles a USING (article_id)
WHERE tp.topic_id NOT LIKE 'iptc:%'
GROUP BY ALL;
