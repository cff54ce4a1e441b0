INSERT INTO story_bands BY NAME SELECT * FROM incoming_story_bands;
