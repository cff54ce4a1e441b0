-- Signs that a snapshot shows part of a run: each row names a symptom and how many rows show it.
-- A published snapshot must return zeros only (given-up dumps excepted: they are published as they are).
WITH finished AS (
    SELECT file_key FROM dumps
    WHERE file_key NOT IN (SELECT file_key FROM dump_steps WHERE status <> 'done')
)
SELECT 'dump with an unfinished step' AS symptom, count(*) AS rows
FROM dumps d CROSS JOIN (SELECT DISTINCT step FROM dump_steps) s
WHERE NOT EXISTS (SELECT 1 FROM dump_steps x WHERE x.file_key = d.file_key AND x.step = s.step
                                                AND x.status IN ('done', 'failed'))
UNION ALL
SELECT 'loaded dump whose occurrences do not match its parsed count', count(*)
FROM dumps d
WHERE d.status = 'loaded' AND d.file_key IN (SELECT file_key FROM finished)
  AND d.parsed <> (SELECT count(*) FROM article_occurrences o WHERE o.dump_id = d.dump_id)
UNION ALL
SELECT 'article of a finished dump without an IPTC topic', count(*)
FROM articles a
WHERE a.article_id IN (
        SELECT o.article_id FROM article_occurrences o JOIN dumps d USING (dump_id)
        WHERE d.file_key IN (SELECT file_key FROM finished))
  AND NOT EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = a.article_id AND t.topic_id LIKE 'iptc:%')
UNION ALL
SELECT 'occurrence of a dump the entity step has not finished', count(*)
FROM article_occurrences o JOIN dumps d USING (dump_id)
WHERE d.file_key NOT IN (SELECT file_key FROM dump_steps WHERE step = 'entity_mentions' AND status IN ('done', 'failed'));
