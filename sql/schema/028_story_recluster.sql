-- Table: story_recluster
-- Grain: one row per article (article_id) whose story must be recomputed: a copy it was clustered with is gone.
CREATE TABLE IF NOT EXISTS story_recluster (
    article_id VARCHAR NOT NULL
);
COMMENT ON TABLE story_recluster IS 'Queue (grain: article_id): articles whose cluster lost a member when a dump was re-loaded; the next stories run re-clusters them and empties it.';
COMMENT ON COLUMN story_recluster.article_id IS 'An article still in the warehouse whose cluster must be recomputed.';
