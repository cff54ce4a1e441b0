-- View: quotation_mentions
-- Grain: one row per (quotation, entity mention inside the quote): what a speaker said about an entity.
-- "What did 王毅 say about the Philippines": speaker_name = '王毅' AND mentioned_name = '菲律宾'.
CREATE OR REPLACE VIEW quotation_mentions AS
SELECT q.article_id, a.published_on AS day, q.start, q."end", q.kind, q.verb,
       q.speaker, q.speaker_entity_id, s.name AS speaker_name,
       m.entity_id AS mentioned_entity_id, m.type AS mentioned_type, e.name AS mentioned_name, q.quote
FROM quotations q
JOIN articles a USING (article_id)
JOIN entity_mentions m ON m.article_id = q.article_id AND m.start >= q.start AND m."end" <= q."end"
JOIN entities e ON e.entity_id = m.entity_id
LEFT JOIN entities s ON s.entity_id = q.speaker_entity_id
WHERE m.method NOT IN ('source', 'byline', 'boilerplate', 'dateline', 'abbreviation');
COMMENT ON VIEW quotation_mentions IS 'Quotations with each entity mentioned inside the quote: what X said about Y (boilerplate mentions left out).';
COMMENT ON COLUMN quotation_mentions.article_id IS 'The quoting article (articles.article_id).';
COMMENT ON COLUMN quotation_mentions.day IS 'Publication day of the article.';
COMMENT ON COLUMN quotation_mentions.start IS 'Character offset of the quote (quotations.start).';
COMMENT ON COLUMN quotation_mentions."end" IS 'Exclusive character offset of the end of the quote (quotations.end).';
COMMENT ON COLUMN quotation_mentions.kind IS 'direct or reported.';
COMMENT ON COLUMN quotation_mentions.verb IS 'The speech verb.';
COMMENT ON COLUMN quotation_mentions.speaker IS 'The speaker as written.';
COMMENT ON COLUMN quotation_mentions.speaker_entity_id IS 'The resolved speaker (entities.entity_id); NULL when unresolved.';
COMMENT ON COLUMN quotation_mentions.speaker_name IS 'Display name of the resolved speaker; NULL when unresolved.';
COMMENT ON COLUMN quotation_mentions.mentioned_entity_id IS 'An entity mentioned inside the quote (entities.entity_id).';
COMMENT ON COLUMN quotation_mentions.mentioned_type IS 'PER, LOC or ORG.';
COMMENT ON COLUMN quotation_mentions.mentioned_name IS 'Display name of the mentioned entity.';
COMMENT ON COLUMN quotation_mentions.quote IS 'What was said (quotations.quote).';
