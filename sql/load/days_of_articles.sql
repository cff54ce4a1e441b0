-- Each given article with every day it was published (its occurrences' days; an article without occurrences:
-- its own day; NULL for undated), one row per (article, day); articles not in the warehouse are left out.
SELECT DISTINCT a.article_id, coalesce(o.published_on, a.published_on) AS day
FROM articles a LEFT JOIN article_occurrences o USING (article_id)
WHERE a.article_id IN (SELECT unnest($article_ids::VARCHAR[]));
