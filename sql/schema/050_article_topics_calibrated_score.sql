-- Migration: article_topics.score of an IPTC row is a calibrated probability for every class (topics-lr-2.0.0
-- calibrates the six classes no labelled set covers on hand-labelled articles); the comment says what it means.
-- Grain unchanged (one row per article_id, topic_id).
COMMENT ON COLUMN article_topics.score IS 'IPTC rows: the classifier''s calibrated probability that the article is about the topic (Platt scaling per class, so one threshold means the same for every class: besides its top class an article gets every class scoring >= 0.35, at most 5); discovered rows: the normalised theme weight. In [0, 1].';
