-- Migration: the context of each term in its article, aligned with article_terms.terms, which the keyword filter
-- reads (pipelines/topics/keyword_context.py): whether the term is a name, whether it is part of a longer term of the
-- article, where it first occurs and, for a name, how often it is glued to the next word. Grain unchanged (one row per article); rows of
-- older tokenizer versions have NULLs and are retired and tokenised again by the corpus step (terms-11).
ALTER TABLE article_terms ADD COLUMN named BOOLEAN[];
ALTER TABLE article_terms ADD COLUMN inside_longer BOOLEAN[];
ALTER TABLE article_terms ADD COLUMN first_at FLOAT[];
ALTER TABLE article_terms ADD COLUMN glued_right FLOAT[];
COMMENT ON COLUMN article_terms.named IS 'Per term (aligned with terms): whether at least one occurrence is a name (an entity span kept whole, or name pieces joined again).';
COMMENT ON COLUMN article_terms.inside_longer IS 'Per term (aligned with terms): whether the term is part of a longer term of the same article (南非 beside 南非总统府).';
COMMENT ON COLUMN article_terms.first_at IS 'Per term (aligned with terms): position of its first occurrence among the article''s term occurrences, in [0, 1).';
COMMENT ON COLUMN article_terms.glued_right IS 'Per term (aligned with terms), for a name (0 for other terms): share of its occurrences followed directly by a CJK character that does not commonly begin the next word (a name cut short by the tagger: 尼凯瑟|利, or part of a title: 财政部|长).';
COMMENT ON TABLE article_keywords IS 'One row per keyword of an article (grain: article_id, keyword): of the article''s first 8 candidates by TF-IDF (against the document frequencies at the time it was first tokenised, times specificity), those the learned keyword filter finds meaningful in context (at least the most probable one); computed once per new article.';
COMMENT ON COLUMN article_keywords.weight IS 'The keyword filter''s probability that the keyword is meaningful in this article, relative to the article''s first keyword (1.0).';
COMMENT ON COLUMN article_keywords.rank IS '1 = the keyword the filter is surest of; ties by keyword.';
COMMENT ON COLUMN article_keywords.keyword IS 'A term of the article (a name kept whole, or a word; see article_terms.terms).';
