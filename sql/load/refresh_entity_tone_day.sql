-- Recompute entity_tone_day for the publication days $days (a DATE list) from entity_mentions and sentence_tone, so
-- the rows of those days equal the full GROUP BY (sql/schema/160_entity_tone_day.sql) whatever was there before.
-- Days are articles.published_on, as entity_tone_daily has always counted them (not every airing).
DELETE FROM entity_tone_day
WHERE day IN (SELECT unnest($days::DATE[]));
INSERT INTO entity_tone_day BY NAME
WITH dated AS (  -- the articles of the given days only, so the cost follows the days, not the warehouse
    SELECT article_id, published_on AS day
    FROM articles
    WHERE published_on IN (SELECT unnest($days::DATE[]))
),
story_mentions AS (
    SELECT m.entity_id, m.article_id, m.start
    FROM entity_mentions m SEMI JOIN dated USING (article_id)
    WHERE m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline', 'abbreviation')
),
sentences AS (
    SELECT s.article_id, s.start, s."end", s.positive, s.negative, s.polarity
    FROM sentence_tone s SEMI JOIN dated USING (article_id)
),
-- A mention lies in the last sentence starting at or before it, if that one has not ended (sentences do not
-- overlap); a sentence mentioning the entity twice counts once.
mention_sentences AS (
    SELECT DISTINCT m.entity_id, s.article_id, s.start, s.positive, s.negative, s.polarity
    FROM story_mentions m
    ASOF JOIN sentences s ON s.article_id = m.article_id AND m.start >= s.start
    WHERE m.start < s."end"
)
SELECT x.entity_id, d.day, count(*) AS sentences, count(DISTINCT x.article_id) AS articles,
       sum(x.positive) AS positive, sum(x.negative) AS negative
FROM mention_sentences x
JOIN dated d USING (article_id)
GROUP BY ALL;
