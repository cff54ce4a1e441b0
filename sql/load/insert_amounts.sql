-- Money and percent expressions from the registered frame `incoming_amounts`.
INSERT INTO amounts
SELECT article_id, start, "end", surface, kind, value, currency, extractor_version FROM incoming_amounts;
