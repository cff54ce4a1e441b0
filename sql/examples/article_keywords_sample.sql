-- Top 3 keywords of a few articles (grouped per article: copies of a story share a title).
-- The ten articles are chosen first (a top-10 over titles of articles that have keywords: a SEMI JOIN, which
-- reads each key once where a correlated EXISTS plans a second join), so only their keywords are read.
WITH sample AS (
    SELECT a.article_id, a.title
    FROM articles a SEMI JOIN (SELECT article_id FROM article_keywords WHERE rank = 1) k USING (article_id)
    ORDER BY a.title, a.article_id
    LIMIT 10
)
SELECT s.title, string_agg(k.keyword, ' / ' ORDER BY k.rank) AS keywords
FROM sample s JOIN article_keywords k USING (article_id)
WHERE k.rank <= 3
GROUP BY s.article_id, s.title ORDER BY s.title, s.article_id;
