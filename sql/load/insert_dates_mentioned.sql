-- Date expressions from the registered frame `incoming_dates`.
INSERT INTO dates_mentioned
SELECT article_id, start, "end", surface, value, precision, extractor_version FROM incoming_dates;
