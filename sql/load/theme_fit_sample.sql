-- A deterministic, bounded sample of tokenised articles to fit a theme model on: article ids are content
-- hashes, so the lowest ids are an unbiased sample that changes little as the corpus grows.
SELECT article_id, terms, counts FROM article_terms WHERE len(terms) > 0 ORDER BY article_id LIMIT $limit;
