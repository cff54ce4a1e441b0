-- Records of the dump that could not be parsed, from the registered frame `incoming_quarantine`.
INSERT INTO quarantine BY NAME SELECT * FROM incoming_quarantine;
