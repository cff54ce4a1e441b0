-- Topic assignments from the registered frame `incoming_article_topics`.
INSERT INTO article_topics BY NAME SELECT * FROM incoming_article_topics;
