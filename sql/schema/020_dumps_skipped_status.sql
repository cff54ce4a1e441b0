-- Migration: landing entries that are not regular files inside the landing folder (symlinks out, FIFOs,
-- sockets, devices) get a dumps row with status `skipped` and the reason in `error`; they are never opened.
COMMENT ON COLUMN dumps.status IS 'loaded: records parsed or quarantined; failed: file unreadable, too large or a decompression bomb (see error); skipped: not a regular file inside the landing folder (symlink pointing out, FIFO, socket, device), never opened (see error); duplicate: same bytes as duplicate_of, not loaded twice.';
COMMENT ON COLUMN dumps.error IS 'Readable reason the file failed to load or was skipped; NULL otherwise.';
COMMENT ON COLUMN dumps.file_key IS 'Path of the file relative to the landing folder, escaped (bytes that are not UTF-8, control characters, % and ... as %XX); also the Dagster partition key.';
COMMENT ON COLUMN dumps.path IS 'Path the file was read from (landing folder + file, escaped like file_key).';
COMMENT ON TABLE dumps IS 'One row per entry seen in the landing folder (grain: file_key). Status says whether it loaded, failed, was skipped (not a regular file inside the folder, never opened) or duplicated another file.';
