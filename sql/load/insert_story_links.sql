INSERT INTO story_links (article_id, other_id, relation, similarity, stories_version)
SELECT article_id, other_id, relation, similarity, stories_version FROM incoming_story_links;
