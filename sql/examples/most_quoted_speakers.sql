-- Who is quoted most: quotations per resolved speaker (people, organisations, countries), with the verb they
-- are most often quoted with. Unresolved speakers (他 without a clear antecedent, 有关专家) are left out.
-- The same totals as summing quotations_by_speaker_daily over its days, read straight from quotations: the
-- ten speakers are picked first, so only their quotations are scanned for the usual verb, and articles are
-- consulted only for the few without a publication day (every quotation's article exists: a reload that
-- removes an article removes its quotations with it).
WITH totals AS (
    SELECT q.speaker_entity_id, count(*) AS quotations, count(DISTINCT q.article_id) AS articles
    FROM quotations q
    WHERE q.speaker_entity_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.published_on IS NULL AND a.article_id = q.article_id)
    GROUP BY q.speaker_entity_id
), top_speakers AS (
    SELECT e.entity_id, e.name, e.type, t.quotations, t.articles
    FROM totals t JOIN entities e ON e.entity_id = t.speaker_entity_id
    ORDER BY t.quotations DESC, e.name LIMIT 10
)
SELECT name, type, quotations, articles,
       (SELECT mode(q.verb) FROM quotations q WHERE q.speaker_entity_id = top_speakers.entity_id) AS usual_verb
FROM top_speakers ORDER BY quotations DESC, name;
