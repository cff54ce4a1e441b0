"""Run a data-quality check file of sql/checks: how many rows violate it, and a few of them to show.

Each check file selects the violating rows with `violations` (the count of all of them, taken before the file's
LIMIT) as its first column, so a check with thousands of bad rows reports thousands, while only the first few
rows travel back. No Dagster here: pipelines/defs/checks.py turns the outcome into an AssetCheckResult.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from pipelines.warehouse.sql_files import sql

EXAMPLES_SHOWN = 5


@dataclass(frozen=True)
class CheckOutcome:
    violations: int  # every violating row, not only those returned
    examples: list[tuple]  # the first few violating rows, without the count column

    @property
    def passed(self) -> bool:
        return self.violations == 0


def run_check(conn: duckdb.DuckDBPyConnection, query: str, params: dict | None = None) -> CheckOutcome:
    cursor = conn.execute(sql(query), params or {})
    if not cursor.description or cursor.description[0][0] != "violations":
        raise ValueError(f"{query}.sql must select `violations` ((SELECT count(*) FROM found)) as its first column")
    rows = cursor.fetchall()
    return CheckOutcome(violations=rows[0][0] if rows else 0, examples=[row[1:] for row in rows[:EXAMPLES_SHOWN]])
