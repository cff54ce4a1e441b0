"""The report's queries (sql/reports/report_*.sql) on a warehouse connection, for pipelines.report.build."""

from __future__ import annotations

import duckdb

from pipelines.report.build import ReportRows
from pipelines.warehouse.sql_files import sql


def report_rows(conn: duckdb.DuckDBPyConnection) -> ReportRows:
    def rows(name: str, params: dict) -> list[tuple]:
        return conn.execute(sql(f"reports/{name}"), params).fetchall()

    return rows
