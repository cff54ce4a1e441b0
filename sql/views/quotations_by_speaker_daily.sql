-- View: quotations_by_speaker_daily
-- Grain: one row per (day, speaker_entity_id): quotations attributed to a resolved speaker, by publication day.
-- Unresolved speakers are left out (query quotations for them).
CREATE OR REPLACE VIEW quotations_by_speaker_daily AS
SELECT a.published_on AS day, q.speaker_entity_id, e.type, e.name,
       count(*) AS quotations, count(DISTINCT q.article_id) AS articles
FROM quotations q
JOIN articles a USING (article_id)
JOIN entities e ON e.entity_id = q.speaker_entity_id
WHERE a.published_on IS NOT NULL
GROUP BY ALL;
COMMENT ON VIEW quotations_by_speaker_daily IS 'Who is quoted, per publication day: quotations and articles per resolved speaker (people, organisations, countries).';
COMMENT ON COLUMN quotations_by_speaker_daily.day IS 'Publication day of the quoting articles (only days with quotations).';
COMMENT ON COLUMN quotations_by_speaker_daily.speaker_entity_id IS 'The speaker (entities.entity_id).';
COMMENT ON COLUMN quotations_by_speaker_daily.type IS 'PER, ORG or LOC (a country speaking as its government).';
COMMENT ON COLUMN quotations_by_speaker_daily.name IS 'Display name of the speaker (entities.name).';
COMMENT ON COLUMN quotations_by_speaker_daily.quotations IS 'Quotations attributed to the speaker in articles published that day.';
COMMENT ON COLUMN quotations_by_speaker_daily.articles IS 'Distinct articles published that day quoting the speaker.';
