-- An empty corpus has no keywords.
DELETE FROM article_keywords;
