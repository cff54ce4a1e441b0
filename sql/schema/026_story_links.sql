-- Table: story_links
-- Grain: one row per (article_id, other_id, relation): two articles found to carry the same story.
CREATE TABLE IF NOT EXISTS story_links (
    article_id      VARCHAR NOT NULL,
    other_id        VARCHAR NOT NULL,
    relation        VARCHAR NOT NULL,
    similarity      DOUBLE NOT NULL,
    stories_version VARCHAR NOT NULL
);
COMMENT ON TABLE story_links IS 'Verified links between copies of one story (grain: article_id, other_id, relation). Clusters are the connected components of these links.';
COMMENT ON COLUMN story_links.article_id IS 'near_duplicate: the smaller article_id of the pair; teaser_of: the teaser.';
COMMENT ON COLUMN story_links.other_id IS 'near_duplicate: the larger article_id of the pair; teaser_of: the full article the teaser is cut from.';
COMMENT ON COLUMN story_links.relation IS 'near_duplicate: Jaccard of 5-character shingles of the normalised texts >= 0.65 and their figures agree; teaser_of: the teaser text is a prefix of the full body and the titles match.';
COMMENT ON COLUMN story_links.similarity IS 'near_duplicate: shingle Jaccard in [0, 1]; teaser_of: share of the full text the teaser covers.';
COMMENT ON COLUMN story_links.stories_version IS 'Version and parameters of the story matcher that wrote the row.';
