-- Recompute entity_tone_day for the publication days $days (a DATE list) from entity_mentions and sentence_tone, so
-- the rows of those days equal the full GROUP BY (sql/schema/160_entity_tone_day.sql) whatever was there before.
-- Days are articles.published_on, as entity_tone_daily has always counted them (not every airing).
-- The given days' articles are set aside in a temporary table first, so the joins build on them: inside the
-- entity step's transaction DuckLake estimates entity_mentions, just written to, at a few thousand rows (see
-- load/airings_of_days.sql).
CREATE OR REPLACE TEMP TABLE entity_tone_day_articles AS
SELECT article_id, published_on AS day  -- the articles of the given days only: the cost follows the days
FROM articles
WHERE published_on IN (SELECT unnest($days::DATE[]));
DELETE FROM entity_tone_day
WHERE day IN (SELECT unnest($days::DATE[]));
INSERT INTO entity_tone_day BY NAME
WITH dated AS (SELECT article_id, day FROM temp.entity_tone_day_articles),
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
DROP TABLE temp.entity_tone_day_articles;
