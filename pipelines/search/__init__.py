"""Full-text search: turning article text into index terms (pure; no Dagster, no DuckDB)."""
