-- Table: sentence_tone
-- Grain: one row per sentence (article_id, start, end) that holds at least one entity mention (boilerplate left out).
CREATE TABLE IF NOT EXISTS sentence_tone (
    article_id   VARCHAR NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    positive     DOUBLE NOT NULL,
    negative     DOUBLE NOT NULL,
    polarity     DOUBLE NOT NULL,
    tone_version VARCHAR NOT NULL
);
COMMENT ON TABLE sentence_tone IS 'Tone of each sentence that mentions an entity (grain: article_id, start, end): the tone around a mention. Join entity_mentions on article_id and start <= mention start < end.';
COMMENT ON COLUMN sentence_tone.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN sentence_tone.start IS '0-based character offset of the sentence in title || chr(10) || body.';
COMMENT ON COLUMN sentence_tone."end" IS 'Exclusive character offset of the end of the sentence.';
COMMENT ON COLUMN sentence_tone.positive IS 'Weighted sum of positive lexicon words in the sentence (as article_tone.positive).';
COMMENT ON COLUMN sentence_tone.negative IS 'Weighted sum of negative lexicon words in the sentence (as article_tone.negative).';
COMMENT ON COLUMN sentence_tone.polarity IS '(positive - negative) / (positive + negative), in [-1, 1]; 0 without sentiment words.';
COMMENT ON COLUMN sentence_tone.tone_version IS 'Version of the tone scorer and its lexicon that made the row.';
