-- Records of the dump that could not be parsed, from the registered frame `incoming_quarantine`.
INSERT INTO quarantine
SELECT dump_id, record_no, byte_start, byte_end, raw_text, reason, detail, extractor_version
FROM incoming_quarantine;
