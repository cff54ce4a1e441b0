-- Who is quoted most: quotations per resolved speaker (people, organisations, countries), with the verb they
-- are most often quoted with. Unresolved speakers (他 without a clear antecedent, 有关专家) are left out.
SELECT s.name, s.type, CAST(sum(s.quotations) AS BIGINT) AS quotations, CAST(sum(s.articles) AS BIGINT) AS articles,
       (SELECT mode(q.verb) FROM quotations q WHERE q.speaker_entity_id = s.speaker_entity_id) AS usual_verb
FROM quotations_by_speaker_daily s
GROUP BY s.speaker_entity_id, s.name, s.type
ORDER BY quotations DESC, s.name LIMIT 10;
