"""Compare two warehouses built from the same files, table by table: row counts and an order-independent hash of
each table's rows (sql/reports/table_fingerprint.sql leaves out the columns that say when or by which run a row
was written). `make cluster-demo` checks its cluster run against an embedded run with it."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from pipelines.warehouse.sql_files import sql

# A record of each publish (its snapshot id, time and run) is by nature different in any two warehouses.
NOT_COMPARED = frozenset({"warehouse_publishes"})


@dataclass(frozen=True)
class TableDifference:
    table: str
    left: tuple[int, int] | None  # (rows, content hash); None: the table is missing on that side
    right: tuple[int, int] | None


def fingerprints(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    tables = [row[0] for row in conn.execute(sql("reports/lake_tables")).fetchall()]
    return {
        table: tuple(conn.execute(sql("reports/table_fingerprint"), {"table_name": table}).fetchone())
        for table in tables
        if table not in NOT_COMPARED
    }


def differences(left: dict[str, tuple[int, int]], right: dict[str, tuple[int, int]]) -> list[TableDifference]:
    return [
        TableDifference(table, left.get(table), right.get(table))
        for table in sorted(set(left) | set(right))
        if left.get(table) != right.get(table)
    ]
