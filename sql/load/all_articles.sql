-- Every article's id and text, for the corpus-wide steps (themes, keywords).
SELECT article_id, title, body FROM articles ORDER BY article_id;
