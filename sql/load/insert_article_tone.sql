-- Article tone from the registered frame `incoming_article_tone`.
INSERT INTO article_tone BY NAME SELECT * FROM incoming_article_tone;
