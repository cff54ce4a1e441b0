-- Table: story_thread_links
-- Grain: one row per linked pair of stories (cluster_id, other_id), smaller id first: two stories judged to
-- continue one event (pipelines/threads/link.py).
CREATE TABLE IF NOT EXISTS story_thread_links (
    cluster_id      VARCHAR NOT NULL,
    other_id        VARCHAR NOT NULL,
    entity_overlap  DOUBLE NOT NULL,
    term_overlap    DOUBLE NOT NULL,
    threads_version VARCHAR NOT NULL
);
COMMENT ON TABLE story_thread_links IS 'Pairs of stories (copy clusters) that continue one event (grain: cluster_id, other_id, smaller id first): first days at most 3 apart, a shared title term that is not a person''s name, shared entities and shared content terms of their representatives.';
COMMENT ON COLUMN story_thread_links.cluster_id IS 'One story (article_clusters.cluster_id), the smaller id of the pair.';
COMMENT ON COLUMN story_thread_links.other_id IS 'The other story (article_clusters.cluster_id).';
COMMENT ON COLUMN story_thread_links.entity_overlap IS 'Shared entities / entities of the story with fewer, in (0, 1].';
COMMENT ON COLUMN story_thread_links.term_overlap IS 'Specificity-weighted shared content terms (not names) of title and lead / weight of the story with less, in (0, 1].';
COMMENT ON COLUMN story_thread_links.threads_version IS 'Version and parameters of the thread linker that wrote the row.';
