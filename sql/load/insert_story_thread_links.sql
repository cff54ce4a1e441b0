-- Thread links from the registered frame `incoming_thread_links`.
INSERT INTO story_thread_links BY NAME SELECT * FROM incoming_thread_links;
