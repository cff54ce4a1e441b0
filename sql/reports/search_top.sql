-- `newswh search`: the best $limit matches of $query (see sql/views/search_articles.sql).
SELECT round(score, 3) AS score, published_on, source, title, article_id
FROM search_articles($query, max_results := $limit)
LIMIT $limit;
