-- Each given article with every day it was published (its occurrences' days; an article without occurrences:
-- its own day; NULL for undated), one row per (article, day); articles not in the warehouse are left out.
-- Both sides are cut to the given articles before the join: a LEFT JOIN filtered on articles alone read every
-- occurrence of the warehouse.
WITH wanted AS (SELECT unnest($article_ids::VARCHAR[]) AS article_id),
given AS (SELECT article_id, published_on FROM articles SEMI JOIN wanted USING (article_id)),
aired AS (SELECT article_id, published_on FROM article_occurrences SEMI JOIN wanted USING (article_id))
SELECT DISTINCT a.article_id, coalesce(o.published_on, a.published_on) AS day
FROM given a LEFT JOIN aired o USING (article_id);
