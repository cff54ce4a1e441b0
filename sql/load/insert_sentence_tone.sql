-- Sentence tone from the registered frame `incoming_sentence_tone`.
INSERT INTO sentence_tone BY NAME SELECT * FROM incoming_sentence_tone;
