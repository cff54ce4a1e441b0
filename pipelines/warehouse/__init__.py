"""DuckDB side: connections, migrations and loads. SQL text lives in sql/, never here."""
