-- View: topic_tone_daily
-- Grain: one row per (day, IPTC topic_id): the tone of the articles assigned the topic, by publication day.
CREATE OR REPLACE VIEW topic_tone_daily AS
SELECT a.published_on AS day, t.topic_id, t.label, t.label_zh,
       count(*) AS articles,
       avg(x.polarity) AS mean_polarity,
       count(*) FILTER (WHERE x.label = 'positive') AS positive_articles,
       count(*) FILTER (WHERE x.label = 'neutral') AS neutral_articles,
       count(*) FILTER (WHERE x.label = 'negative') AS negative_articles
FROM article_tone x
JOIN articles a USING (article_id)
JOIN article_topics y USING (article_id)
JOIN topics t ON t.topic_id = y.topic_id AND t.taxonomy = 'iptc'
WHERE a.published_on IS NOT NULL
GROUP BY ALL;
COMMENT ON VIEW topic_tone_daily IS 'Tone of each IPTC topic''s articles per publication day (only days with articles of the topic).';
COMMENT ON COLUMN topic_tone_daily.day IS 'Publication day.';
COMMENT ON COLUMN topic_tone_daily.topic_id IS 'The IPTC topic (topics.topic_id).';
COMMENT ON COLUMN topic_tone_daily.label IS 'English label of the topic.';
COMMENT ON COLUMN topic_tone_daily.label_zh IS 'Chinese label of the topic.';
COMMENT ON COLUMN topic_tone_daily.articles IS 'Articles of the topic published that day (with a tone row).';
COMMENT ON COLUMN topic_tone_daily.mean_polarity IS 'Mean article polarity (article_tone.polarity), in [-1, 1].';
COMMENT ON COLUMN topic_tone_daily.positive_articles IS 'Articles labelled positive.';
COMMENT ON COLUMN topic_tone_daily.neutral_articles IS 'Articles labelled neutral.';
COMMENT ON COLUMN topic_tone_daily.negative_articles IS 'Articles labelled negative.';
