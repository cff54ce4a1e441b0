"""Pure ingest code: bytes -> decoded text -> records -> parsed articles. No Dagster imports."""
