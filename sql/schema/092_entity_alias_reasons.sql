-- Migration: every alias row says why the form belongs to its entity (issue 22). Grain unchanged: one row per
-- (entity_id, alias); the first reason seen is kept. Rows from before rules-1.2.0 get 'canonical_key'.
ALTER TABLE entity_aliases ADD COLUMN IF NOT EXISTS reason VARCHAR;
ALTER TABLE entity_aliases ADD COLUMN IF NOT EXISTS full_form VARCHAR;
ALTER TABLE entity_aliases ADD COLUMN IF NOT EXISTS article_id VARCHAR;
UPDATE entity_aliases SET reason = 'canonical_key' WHERE reason IS NULL;
COMMENT ON COLUMN entity_aliases.reason IS 'Why this form is the entity: canonical_key (the same key after folding widths, brackets, dots and titles, the alias table resources/entity_aliases.tsv, or the geocoder''s place); latin_gloss (a bracketed Latin form after the Chinese name: 二十国集团(G20)); and short forms linked to a full name seen before them in the same article (pipelines/extract/name_resolution.py): transliteration_segment (马斯克 after 埃隆·马斯克), surname_of_full_name (石破 after 石破茂 in an article about Japan), company_short_name (宁德时代 after 宁德时代新能源科技股份有限公司), office_with_country (国务院 after 美国国务院), office_without_country (中国外交部 with 外交部); learned_pair is never stored: a short form seen alone is linked through an existing row of the reasons latin_gloss, transliteration_segment, surname_of_full_name or company_short_name when it points at one entity only.';
COMMENT ON COLUMN entity_aliases.full_form IS 'For a linked short form: the other form of the pair (the full name it was linked to, or for office_without_country the bare name); NULL for canonical_key rows.';
COMMENT ON COLUMN entity_aliases.article_id IS 'For a linked short form: the article where the pair was first seen together (its evidence); NULL for canonical_key rows.';
