-- View: stories
-- Grain: one row per story (cluster_id): the copies of one story counted once. Articles not yet clustered by the
-- stories step count as stories of their own.
CREATE OR REPLACE VIEW stories AS
WITH membership AS (
    SELECT a.*, coalesce(c.cluster_id, a.article_id) AS cluster_id
    FROM articles a LEFT JOIN article_clusters c USING (article_id)
)
SELECT m.cluster_id,
       m.cluster_id AS representative_id,
       any_value(m.title) FILTER (WHERE m.article_id = m.cluster_id) AS title,
       count(*) AS articles,
       count(*) FILTER (WHERE m.kind = 'teaser') AS teasers,
       min(m.published_on) AS first_seen,
       max(m.published_on) AS last_seen,
       list(DISTINCT m.source ORDER BY m.source) FILTER (WHERE m.source IS NOT NULL) AS sources,
       count(DISTINCT m.source) AS source_count
FROM membership m
GROUP BY m.cluster_id;
COMMENT ON VIEW stories IS 'One row per story: its representative, how many copies carried it, when it was first and last seen, which sources carried it.';
COMMENT ON COLUMN stories.cluster_id IS 'Story id (article_clusters.cluster_id): the representative''s article_id.';
COMMENT ON COLUMN stories.representative_id IS 'The representative article: a non-teaser if any, then earliest published_on, then longest, then smallest article_id.';
COMMENT ON COLUMN stories.title IS 'Title of the representative article.';
COMMENT ON COLUMN stories.articles IS 'Distinct articles (copies, re-edits, teasers) in the story.';
COMMENT ON COLUMN stories.teasers IS 'How many of those articles are teasers.';
COMMENT ON COLUMN stories.first_seen IS 'Earliest published_on among the copies.';
COMMENT ON COLUMN stories.last_seen IS 'Latest published_on among the copies.';
COMMENT ON COLUMN stories.sources IS 'Distinct sources (articles.source: agency or outlet) that carried the story, sorted.';
COMMENT ON COLUMN stories.source_count IS 'Number of distinct sources that carried the story.';
