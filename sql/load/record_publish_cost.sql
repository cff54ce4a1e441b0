-- What a publish cost, known once the copy is in place.
UPDATE warehouse_publishes SET seconds = $seconds, bytes = $bytes WHERE published_at = $published_at;
