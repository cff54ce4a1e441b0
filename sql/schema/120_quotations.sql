-- Table: quotations
-- Grain: one row per quotation (article_id, start, end): a span of article text that someone is said to have said.
CREATE TABLE IF NOT EXISTS quotations (
    article_id        VARCHAR NOT NULL,
    kind              VARCHAR NOT NULL,
    quote             VARCHAR NOT NULL,
    start             INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    byte_start        INTEGER NOT NULL,
    byte_end          INTEGER NOT NULL,
    verb              VARCHAR NOT NULL,
    verb_start        INTEGER NOT NULL,
    speaker           VARCHAR,
    speaker_start     INTEGER,
    speaker_end       INTEGER,
    speaker_entity_id VARCHAR,
    resolution        VARCHAR NOT NULL,
    quotes_version    VARCHAR NOT NULL
);
COMMENT ON TABLE quotations IS 'One row per quotation (grain: article_id, start, end): direct speech in quotation marks and reported speech after a speech verb, with the speaker as written and the entity it stands for. Offsets index the article text title || chr(10) || body, as in entity_mentions.';
COMMENT ON COLUMN quotations.article_id IS 'The article (articles.article_id).';
COMMENT ON COLUMN quotations.kind IS 'direct: inside “…” or 「…」 (marks not included); reported: after speaker + speech verb (王毅表示，…), to the end of the sentence.';
COMMENT ON COLUMN quotations.quote IS 'What was said, as written; equals substring(title || chr(10) || body, start + 1, end - start).';
COMMENT ON COLUMN quotations.start IS '0-based character offset of the first character of the quote in title || chr(10) || body.';
COMMENT ON COLUMN quotations."end" IS 'Exclusive 0-based character offset of the end of the quote.';
COMMENT ON COLUMN quotations.byte_start IS '0-based byte offset of the quote in the UTF-8 encoding of title || chr(10) || body (octet_length(encode(substring(text, 1, start))) = byte_start).';
COMMENT ON COLUMN quotations.byte_end IS 'Exclusive byte offset of the end of the quote in the UTF-8 encoding of the article text.';
COMMENT ON COLUMN quotations.verb IS 'The speech verb that introduces or follows the quote (表示, 指出, 强调, 说, 称, 认为, 透露, 回应 …).';
COMMENT ON COLUMN quotations.verb_start IS '0-based character offset of the verb in the article text.';
COMMENT ON COLUMN quotations.speaker IS 'The speaker as written (外交部发言人汪文斌, 他, 该负责人); for a sentence that names the speaker only before an earlier verb (出席会议并讲话，强调…), the name found there; NULL when no single one was.';
COMMENT ON COLUMN quotations.speaker_start IS '0-based character offset of the speaker as written; NULL with speaker.';
COMMENT ON COLUMN quotations.speaker_end IS 'Exclusive character offset of the end of the speaker as written; NULL with speaker.';
COMMENT ON COLUMN quotations.speaker_entity_id IS 'The entity the speaker stands for (entities.entity_id), resolved within the article only; NULL when unresolved (unclear is left unresolved, never guessed).';
COMMENT ON COLUMN quotations.resolution IS 'How the speaker was resolved: named (a person, else an organisation or country, in the speaker text), role_of_org (an unnamed role of a named organisation -> the organisation), pronoun (他/她/其 -> the one person of this or the previous sentence, or the previous quotation''s speaker), role (该负责人 -> the one earlier speaker or person written with that role), subject (no speaker before the verb -> the one person named earlier in the sentence), unresolved.';
COMMENT ON COLUMN quotations.quotes_version IS 'Version of the quotation extractor (pipelines/quotes) that made the row.';
