-- Articles of the given files dated before $min_date or more than a year after their dump's reference date.
-- Each row: `violations` (all of them, counted before the LIMIT), then the violating row itself.
WITH found AS (
    SELECT a.article_id, a.published_on, d.reference_date FROM articles a
    JOIN article_occurrences o USING (article_id)
    JOIN dumps d ON d.dump_id = o.dump_id
    WHERE d.file_key IN (SELECT unnest($file_keys::VARCHAR[]))
      AND (a.published_on < $min_date OR a.published_on > d.reference_date + INTERVAL 366 DAY)
)
SELECT count(*) OVER () AS violations, * FROM found
LIMIT 20;
