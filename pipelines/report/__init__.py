"""The analysts' HTML report: plotly figures and one self-contained page (pure; no Dagster, no DuckDB)."""
