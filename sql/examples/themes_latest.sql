-- The discovered themes of the latest theme-model run, with how many articles carry each.
SELECT t.code AS theme, t.label, count(tp.article_id) AS articles
FROM topics t LEFT JOIN article_topics tp USING (topic_id)
WHERE t.taxonomy = 'discovered' AND t.model_version = (SELECT model_version FROM theme_runs ORDER BY run_no DESC LIMIT 1)
GROUP BY ALL ORDER BY articles DESC, theme;
