-- The threads of the stories in the registered frame `incoming_story_threads`, replacing their old rows.
DELETE FROM story_threads WHERE cluster_id IN (SELECT cluster_id FROM incoming_story_threads);
INSERT INTO story_threads BY NAME SELECT * FROM incoming_story_threads;
