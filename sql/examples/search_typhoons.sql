-- Full-text search (BM25): the 20 articles that best match 台风 and 南海, with how many query terms each matched.
SELECT round(score, 2) AS score, matched_terms, published_on, source, title
FROM search_articles('台风 南海')
LIMIT 20;
