"""Run a SQL file against a Polars frame registered under a fixed view name."""

from __future__ import annotations

import duckdb
import polars as pl

from pipelines.warehouse.sql_files import sql, statements


def run_with_frame(conn: duckdb.DuckDBPyConnection, view: str, frame: pl.DataFrame, statement: str) -> None:
    if frame.height == 0:
        return
    conn.register(view, frame)
    try:
        for part in statements(sql(statement)):
            conn.execute(part).fetchall()
    finally:
        conn.unregister(view)


def run_file(conn: duckdb.DuckDBPyConnection, statement: str, params: dict | None = None) -> None:
    """Run each statement of a file, binding only the named parameters that statement uses."""
    for part in statements(sql(statement)):
        used = {name: value for name, value in (params or {}).items() if f"${name}" in part}
        conn.execute(part, used).fetchall()
