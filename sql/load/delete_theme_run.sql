-- Remove one theme-model run (topics and assignments) before writing it again; other runs stay.
DELETE FROM article_topics WHERE model_version = $model_version;
DELETE FROM topics WHERE model_version = $model_version AND taxonomy = 'discovered';
