-- Articles of the given files dated before $min_date, more than a year after their dump's reference date, or
-- after the last arrival day of the files they were found in (news is never published after its file arrived).
-- Each row: `violations` (all of them, counted before the LIMIT), then the violating row itself.
WITH of_files AS (
    SELECT a.article_id, a.published_on, d.reference_date FROM articles a
    JOIN article_occurrences o USING (article_id)
    JOIN dumps d ON d.dump_id = o.dump_id
    WHERE d.file_key IN (SELECT unnest($file_keys::VARCHAR[]))
), latest_arrival AS (
    SELECT o.article_id, max(la.arrival_day) AS arrival_day FROM article_occurrences o
    JOIN dumps d ON d.dump_id = o.dump_id
    JOIN landing_arrivals la ON la.file_key = d.file_key
    WHERE o.article_id IN (SELECT article_id FROM of_files)
    GROUP BY o.article_id
), found AS (
    SELECT f.*, la.arrival_day FROM of_files f LEFT JOIN latest_arrival la USING (article_id)
    WHERE f.published_on < $min_date OR f.published_on > f.reference_date + INTERVAL 366 DAY
       OR f.published_on > la.arrival_day
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
