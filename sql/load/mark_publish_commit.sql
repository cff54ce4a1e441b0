-- Label the publish transaction's commit in the lake's own snapshot log, with the snapshot it published as extra
-- info, so a reader finds the published snapshot in the catalog database alone (latest_publish_commit.sql) before it
-- loads any table. warehouse_publishes keeps the full record.
CALL news.set_commit_message($author, $message, extra_info => $published_snapshot);
