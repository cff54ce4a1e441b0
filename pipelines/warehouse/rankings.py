"""Read what the ranking check judges: the top names of the days a run's dumps changed (sql/reports/)."""

from __future__ import annotations

import datetime as dt

import duckdb

from pipelines.extract.ranking_check import TopName
from pipelines.warehouse.sql_files import sql


def publication_days_of_files(conn: duckdb.DuckDBPyConnection, file_keys: list[str]) -> list[dt.date]:
    rows = conn.execute(sql("reports/publication_days_of_files"), {"file_keys": file_keys}).fetchall()
    return sorted(row[0] for row in rows)


def top_names_for_review(conn: duckdb.DuckDBPyConnection, days: list[dt.date], top: int) -> list[TopName]:
    if not days:
        return []
    rows = conn.execute(sql("reports/top_names_for_review"), {"days": days, "top": top}).fetchall()
    return [TopName(*row) for row in rows]
