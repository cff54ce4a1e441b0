-- Migration: a dump can load and still need attention (a truncated file); say so on its row.
ALTER TABLE dumps ADD COLUMN IF NOT EXISTS warning VARCHAR;
COMMENT ON COLUMN dumps.warning IS 'Set when the file loaded but something is off, e.g. truncated: its last record was quarantined as incomplete.';
