-- View: stories
-- Grain: one row per story (cluster_id): the copies of one story counted once. Read from story_summaries, which
-- the stories step keeps up to date for the clusters it touches (articles it has not clustered yet are not in it;
-- the analysts' snapshot never holds such articles: it is published only once every step finished).
CREATE OR REPLACE VIEW stories AS
SELECT cluster_id, representative_id, title, articles, teasers, first_seen, last_seen, sources, source_count, first_sources
FROM story_summaries;
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
COMMENT ON COLUMN stories.first_sources IS 'Sources of the copies published on first_seen (''(none)'' for a copy without a source): who published first.';
