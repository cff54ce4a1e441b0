-- Top 3 keywords of a few articles (grouped per article: copies of a story share a title).
SELECT a.title, string_agg(k.keyword, ' / ' ORDER BY k.rank) AS keywords
FROM article_keywords k JOIN articles a USING (article_id)
WHERE k.rank <= 3
GROUP BY a.article_id, a.title ORDER BY a.title, a.article_id LIMIT 10;
