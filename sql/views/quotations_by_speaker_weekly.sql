-- View: quotations_by_speaker_weekly
-- Grain: one row per (week, speaker_entity_id): quotations_by_speaker_daily rolled up to weeks starting on Monday.
CREATE OR REPLACE VIEW quotations_by_speaker_weekly AS
SELECT CAST(date_trunc('week', a.published_on) AS DATE) AS week, q.speaker_entity_id, e.type, e.name,
       count(*) AS quotations, count(DISTINCT q.article_id) AS articles
FROM quotations q
JOIN articles a USING (article_id)
JOIN entities e ON e.entity_id = q.speaker_entity_id
WHERE a.published_on IS NOT NULL
GROUP BY ALL;
COMMENT ON VIEW quotations_by_speaker_weekly IS 'Who is quoted, per week: quotations and articles per resolved speaker.';
COMMENT ON COLUMN quotations_by_speaker_weekly.week IS 'Monday of the ISO week (only weeks with quotations).';
COMMENT ON COLUMN quotations_by_speaker_weekly.speaker_entity_id IS 'The speaker (entities.entity_id).';
COMMENT ON COLUMN quotations_by_speaker_weekly.type IS 'PER, ORG or LOC.';
COMMENT ON COLUMN quotations_by_speaker_weekly.name IS 'Display name of the speaker (entities.name).';
COMMENT ON COLUMN quotations_by_speaker_weekly.quotations IS 'Quotations attributed to the speaker in articles published that week.';
COMMENT ON COLUMN quotations_by_speaker_weekly.articles IS 'Distinct articles published that week quoting the speaker.';
