-- Table: article_clusters
-- Grain: one row per article (article_id): the story (cluster) it belongs to.
CREATE TABLE IF NOT EXISTS article_clusters (
    article_id      VARCHAR NOT NULL,
    cluster_id      VARCHAR NOT NULL,
    stories_version VARCHAR NOT NULL
);
COMMENT ON TABLE article_clusters IS 'Which story each article carries (grain: article_id). One cluster = the copies of one story: syndicated copies, re-edits, teasers.';
COMMENT ON COLUMN article_clusters.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN article_clusters.cluster_id IS 'Story id = article_id of the story''s representative: a non-teaser if any, then earliest published_on, then longest, then smallest article_id. Same dumps give the same ids in any arrival order.';
COMMENT ON COLUMN article_clusters.stories_version IS 'Version and parameters of the story matcher that wrote the row.';
