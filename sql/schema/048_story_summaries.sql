-- Table: story_summaries
-- Grain: one row per story (cluster_id): what the `stories` view shows, kept up to date by the stories step
-- for the clusters it touches, so questions about stories read one small row per story instead of
-- aggregating every article at query time (at 1 M articles that took 2 to 6 s).
CREATE TABLE IF NOT EXISTS story_summaries (
    cluster_id        VARCHAR NOT NULL,
    representative_id VARCHAR NOT NULL,
    title             VARCHAR,
    articles          BIGINT NOT NULL,
    teasers           BIGINT NOT NULL,
    first_seen        DATE,
    last_seen         DATE,
    sources           VARCHAR[],
    source_count      BIGINT NOT NULL,
    first_sources     VARCHAR[]
);
COMMENT ON TABLE story_summaries IS 'One row per story (grain: cluster_id): copies, teasers, first/last day, sources; refreshed by the stories step for every cluster it touches. Read it through the stories view.';
COMMENT ON COLUMN story_summaries.cluster_id IS 'Story id (article_clusters.cluster_id): the representative''s article_id.';
COMMENT ON COLUMN story_summaries.representative_id IS 'The representative article: a non-teaser if any, then earliest published_on, then longest, then smallest article_id.';
COMMENT ON COLUMN story_summaries.title IS 'Title of the representative article.';
COMMENT ON COLUMN story_summaries.articles IS 'Distinct articles (copies, re-edits, teasers) in the story.';
COMMENT ON COLUMN story_summaries.teasers IS 'How many of those articles are teasers.';
COMMENT ON COLUMN story_summaries.first_seen IS 'Earliest published_on among the copies.';
COMMENT ON COLUMN story_summaries.last_seen IS 'Latest published_on among the copies.';
COMMENT ON COLUMN story_summaries.sources IS 'Distinct sources (articles.source: agency or outlet) that carried the story, sorted; NULL when no copy names one.';
COMMENT ON COLUMN story_summaries.source_count IS 'Number of distinct sources that carried the story.';
COMMENT ON COLUMN story_summaries.first_sources IS 'Sources of the copies published on first_seen (''(none)'' for a copy without a source), sorted: who published first.';
INSERT INTO story_summaries BY NAME
WITH members AS (
    SELECT c.cluster_id, a.article_id, a.title, a.kind, a.published_on, a.source,
           min(a.published_on) OVER (PARTITION BY c.cluster_id) AS first_day
    FROM article_clusters c JOIN articles a USING (article_id)
)
SELECT cluster_id,
       cluster_id AS representative_id,
       any_value(title) FILTER (WHERE article_id = cluster_id) AS title,
       count(*) AS articles,
       count(*) FILTER (WHERE kind = 'teaser') AS teasers,
       min(published_on) AS first_seen,
       max(published_on) AS last_seen,
       list(DISTINCT source ORDER BY source) FILTER (WHERE source IS NOT NULL) AS sources,
       count(DISTINCT source) AS source_count,
       list(DISTINCT coalesce(source, '(none)') ORDER BY coalesce(source, '(none)')) FILTER (WHERE published_on = first_day) AS first_sources
FROM members
GROUP BY cluster_id;
