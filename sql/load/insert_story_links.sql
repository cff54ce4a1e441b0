INSERT INTO story_links BY NAME SELECT * FROM incoming_story_links;
