-- Migration: every airing keeps its own day (issue 25). An article seen in several dumps (the same text re-aired
-- a day or years later) is one `articles` row; its publication day there is the day of the dump that loaded it
-- first. Each occurrence now carries the day parsed from its own record and dump, so daily views can count an
-- article on every day it was published.
-- Grain of article_occurrences unchanged: one row per parsed record (dump_id, record_no).
ALTER TABLE article_occurrences ADD COLUMN IF NOT EXISTS published_on DATE;
-- Rows loaded before this migration get their article's day until their dump is loaded again.
UPDATE article_occurrences SET published_on = a.published_on
FROM articles a
WHERE a.article_id = article_occurrences.article_id AND article_occurrences.published_on IS NULL;
COMMENT ON COLUMN article_occurrences.published_on IS 'Publication day of this occurrence: the day parsed from this record in this dump (its dateline, or the dump''s day), so a re-aired article has one day per airing; articles.published_on is the day of the occurrence that was loaded first. Rows loaded before migration 110 hold the article''s day until their dump is reloaded.';
