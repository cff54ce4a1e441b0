-- Top 3 keywords of a few articles.
SELECT a.title, string_agg(k.keyword, ' / ' ORDER BY k.rank) AS keywords
FROM article_keywords k JOIN articles a USING (article_id)
WHERE k.rank <= 3
GROUP BY ALL ORDER BY a.title LIMIT 10;
