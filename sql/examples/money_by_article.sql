-- The largest CNY amounts mentioned, with the article they come from.
SELECT a.published_on, a.title, x.surface, x.value
FROM amounts x JOIN articles a USING (article_id)
WHERE x.kind = 'money' AND x.currency = 'CNY'
ORDER BY x.value DESC, a.published_on, a.article_id, x.start LIMIT 10;  -- ties in a fixed order
