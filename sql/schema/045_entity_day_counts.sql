-- Table: entity_day_counts
-- Grain: one row per (entity_id, day) with at least one story mention: an aggregate of entity_mentions joined to
-- articles.published_on, boilerplate methods (source, byline, boilerplate, dateline) left out. Kept equal to the
-- full GROUP BY (sql/load/refresh_entity_day_counts.sql) by the steps that write mentions or move/delete articles.
CREATE TABLE IF NOT EXISTS entity_day_counts (
    entity_id VARCHAR NOT NULL,
    day       DATE,
    mentions  BIGINT NOT NULL,
    articles  BIGINT NOT NULL
);
COMMENT ON TABLE entity_day_counts IS 'Story mentions per entity and publication day (grain: entity_id, day), boilerplate (outlet, reporters, lead) left out: a small aggregate of entity_mentions that the ranking views and examples read instead of the mention table. Recomputed, per touched day, in the same transaction as every write of mentions or of article dates.';
COMMENT ON COLUMN entity_day_counts.entity_id IS 'The entity (entities.entity_id).';
COMMENT ON COLUMN entity_day_counts.day IS 'Publication day of the mentioning articles (articles.published_on); NULL for articles without a date.';
COMMENT ON COLUMN entity_day_counts.mentions IS 'Mentions of the entity in articles published that day, methods source, byline, boilerplate and dateline left out.';
COMMENT ON COLUMN entity_day_counts.articles IS 'Distinct articles published that day with at least one such mention (an article has one day, so sums over days count each article once).';
INSERT INTO entity_day_counts (entity_id, day, mentions, articles)
SELECT m.entity_id, a.published_on, count(*), count(DISTINCT m.article_id)
FROM entity_mentions m JOIN articles a USING (article_id)
WHERE m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline')
GROUP BY ALL;
