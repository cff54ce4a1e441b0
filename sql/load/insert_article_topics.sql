-- Topic assignments from the registered frame `incoming_article_topics`.
INSERT INTO article_topics SELECT article_id, topic_id, score, rank, model_version FROM incoming_article_topics;
