-- Articles of the given files with a blank title (should be none: such records are quarantined).
-- Each row: `violations` (all of them, counted before the LIMIT), then the violating row itself.
WITH found AS (
    SELECT a.article_id FROM articles a
    JOIN article_occurrences o USING (article_id)
    JOIN dumps d ON d.dump_id = o.dump_id
    WHERE d.file_key IN (SELECT unnest($file_keys::VARCHAR[])) AND trim(a.title) = ''
)
SELECT (SELECT count(*) FROM found) AS violations, * FROM found
LIMIT 20;
