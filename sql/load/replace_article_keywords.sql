-- Keywords are corpus-wide (they depend on document frequencies): the daily refresh replaces them all.
DELETE FROM article_keywords;
INSERT INTO article_keywords SELECT article_id, keyword, weight, rank, model_version FROM incoming_keywords;
