-- Table: entity_tone_day
-- Grain: one row per (entity_id, day) with at least one sentence mentioning the entity in an article published that
-- day (articles.published_on; undated articles left out): an aggregate of entity_mentions ASOF-joined to
-- sentence_tone, boilerplate and one-character abbreviations left out, each (entity, sentence) counted once. Kept
-- equal to the full GROUP BY (sql/load/refresh_entity_tone_day.sql) by the steps that write mentions or sentence
-- tone and by the article load that deletes or re-dates articles; entity_tone_daily and _monthly read it.
CREATE TABLE IF NOT EXISTS entity_tone_day (
    entity_id VARCHAR NOT NULL,
    day       DATE NOT NULL,
    sentences BIGINT NOT NULL,
    articles  BIGINT NOT NULL,
    positive  DOUBLE NOT NULL,
    negative  DOUBLE NOT NULL
);
COMMENT ON TABLE entity_tone_day IS 'Tone of the sentences mentioning an entity per publication day (grain: entity_id, day): a small aggregate of entity_mentions and sentence_tone that entity_tone_daily and entity_tone_monthly read instead of joining the mention table to the sentences on every query. Recomputed, per touched day, in the same transaction as every write of mentions, of sentence tone or of article dates.';
COMMENT ON COLUMN entity_tone_day.entity_id IS 'The entity (entities.entity_id).';
COMMENT ON COLUMN entity_tone_day.day IS 'Publication day of the articles (articles.published_on: the day of the occurrence loaded first, not every airing); undated articles are left out.';
COMMENT ON COLUMN entity_tone_day.sentences IS 'Sentences mentioning the entity in articles published that day (a sentence mentioning it twice counts once), methods source, byline, boilerplate, dateline and abbreviation left out.';
COMMENT ON COLUMN entity_tone_day.articles IS 'Distinct articles published that day with such a sentence (an article has one publication day, so sums over days count each article once).';
COMMENT ON COLUMN entity_tone_day.positive IS 'Sum of those sentences'' positive scores (sentence_tone.positive).';
COMMENT ON COLUMN entity_tone_day.negative IS 'Sum of those sentences'' negative scores (sentence_tone.negative).';
-- Sentences do not overlap, so a mention lies in the last sentence starting at or before it, if that one has not
-- ended (the ASOF join of sql/views/entity_tone_daily.sql before this table).
INSERT INTO entity_tone_day BY NAME
WITH mention_sentences AS (
    SELECT DISTINCT m.entity_id, s.article_id, s.start, s.positive, s.negative, s.polarity
    FROM entity_mentions m
    ASOF JOIN sentence_tone s ON s.article_id = m.article_id AND m.start >= s.start
    WHERE m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline', 'abbreviation') AND m.start < s."end"
)
SELECT x.entity_id, a.published_on AS day, count(*) AS sentences, count(DISTINCT x.article_id) AS articles,
       sum(x.positive) AS positive, sum(x.negative) AS negative
FROM mention_sentences x
JOIN articles a USING (article_id)
WHERE a.published_on IS NOT NULL
GROUP BY ALL;
