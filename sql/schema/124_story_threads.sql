-- Table: story_threads
-- Grain: one row per story (cluster_id): the thread (event over days) it belongs to.
CREATE TABLE IF NOT EXISTS story_threads (
    cluster_id      VARCHAR NOT NULL,
    thread_id       VARCHAR NOT NULL,
    first_seen      DATE,
    threads_version VARCHAR NOT NULL
);
COMMENT ON TABLE story_threads IS 'Which thread each story belongs to (grain: cluster_id): connected components of story_thread_links. A story without links is a thread of its own.';
COMMENT ON COLUMN story_threads.cluster_id IS 'The story (article_clusters.cluster_id).';
COMMENT ON COLUMN story_threads.thread_id IS 'Thread id = cluster_id of the thread''s earliest story (first_seen, then smallest cluster_id): the same stories give the same ids in any load order.';
COMMENT ON COLUMN story_threads.first_seen IS 'First publication day of the story (story_summaries.first_seen) when the thread was computed.';
COMMENT ON COLUMN story_threads.threads_version IS 'Version and parameters of the thread linker that wrote the row.';
