-- The theme assignments just inserted (incoming_article_topics: new rows only, never replacing others) are
-- added to topic_day_counts in the same transaction, so the counts stay equal to a recount
-- (sql/load/refresh_topic_day_counts.sql) at the cost of the batch, not of its days.
CREATE OR REPLACE TEMP TABLE theme_day_delta AS
SELECT tp.topic_id, w.day, count(*) AS articles, sum(tp.score) AS score_sum
FROM incoming_article_topics tp
JOIN (  -- every day the article was published (its airings; migration 111)
    SELECT DISTINCT a.article_id, coalesce(o.published_on, a.published_on) AS day
    FROM articles a LEFT JOIN article_occurrences o USING (article_id)
    WHERE a.article_id IN (SELECT article_id FROM incoming_article_topics)
) w USING (article_id)
GROUP BY ALL;
UPDATE topic_day_counts SET articles = topic_day_counts.articles + d.articles, score_sum = topic_day_counts.score_sum + d.score_sum
FROM theme_day_delta d
WHERE topic_day_counts.topic_id = d.topic_id AND topic_day_counts.day IS NOT DISTINCT FROM d.day;
INSERT INTO topic_day_counts BY NAME
SELECT d.topic_id, d.day, d.articles, d.score_sum FROM theme_day_delta d
WHERE NOT EXISTS (SELECT 1 FROM topic_day_counts c WHERE c.topic_id = d.topic_id AND c.day IS NOT DISTINCT FROM d.day);
DROP TABLE theme_day_delta;
