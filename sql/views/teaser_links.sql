-- View: teaser_links
-- Grain: one row per (teaser_id, full_id): a teaser and the full article it was cut from.
CREATE OR REPLACE VIEW teaser_links AS
SELECT l.article_id AS teaser_id, l.other_id AS full_id, t.title AS teaser_title, f.title AS full_title,
       t.published_on AS teaser_published_on, f.published_on AS full_published_on, l.similarity AS coverage
FROM story_links l
JOIN articles t ON t.article_id = l.article_id
JOIN articles f ON f.article_id = l.other_id
WHERE l.relation = 'teaser_of';
COMMENT ON VIEW teaser_links IS 'Teaser -> full article links, either arrival order: a teaser finds its full text, a full article lists its teasers.';
COMMENT ON COLUMN teaser_links.teaser_id IS 'The teaser (articles.kind = teaser).';
COMMENT ON COLUMN teaser_links.full_id IS 'The full article whose body starts with the teaser''s text.';
COMMENT ON COLUMN teaser_links.teaser_title IS 'Title of the teaser.';
COMMENT ON COLUMN teaser_links.full_title IS 'Title of the full article.';
COMMENT ON COLUMN teaser_links.teaser_published_on IS 'published_on of the teaser.';
COMMENT ON COLUMN teaser_links.full_published_on IS 'published_on of the full article.';
COMMENT ON COLUMN teaser_links.coverage IS 'Share of the full text (normalised) that the teaser covers.';
