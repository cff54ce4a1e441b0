-- The articles one landing file ($file_key) holds in this snapshot, and their entity mentions: whether a dump
-- dropped into the landing folder has reached analysts, entities included (make bench-latency).
WITH articles_of_file AS (
    SELECT DISTINCT o.article_id
    FROM dumps d JOIN article_occurrences o USING (dump_id)
    WHERE d.file_key = $file_key
)
SELECT
    (SELECT count(*) FROM articles_of_file) AS articles,
    (SELECT count(*) FROM entity_mentions m WHERE m.article_id IN (SELECT article_id FROM articles_of_file)) AS mentions;
