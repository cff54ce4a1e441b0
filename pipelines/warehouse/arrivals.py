"""Which dump files make up each arrival-day partition, and which of them a step still owes.

Dagster partitions the per-dump assets by arrival day (pipelines/defs/partitions.py); the files of a day
and each file's progress through the steps live here, in the warehouse (`landing_arrivals`,
`dump_steps`), so Dagster's bookkeeping grows with days, not with files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from pipelines.warehouse.connection import transaction
from pipelines.warehouse.sql_files import sql


@dataclass(frozen=True)
class UnfinishedDump:
    file_key: str
    arrival_day: date
    articles_unfinished: bool  # the load itself did not finish: the file must be read again
    attempts: int  # most failed runs of any of its steps
    check_failed: bool  # a blocking check failed: waits for an operator, never retried automatically


def register_arrivals(conn: duckdb.DuckDBPyConnection, file_keys: list[str], arrival_day: date, run_id: str) -> None:
    with transaction(conn):
        conn.execute(
            sql("load/register_arrivals"), {"file_keys": file_keys, "arrival_day": arrival_day, "run_id": run_id}
        ).fetchall()


def files_of_days(conn: duckdb.DuckDBPyConnection, first_day: date, last_day: date) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            sql("load/files_of_arrival_days"), {"first_day": first_day, "last_day": last_day}
        ).fetchall()
    ]


def arrival_days_of(conn: duckdb.DuckDBPyConnection, file_keys: list[str]) -> dict[str, date]:
    """file_key -> its arrival day, for the files registered in landing_arrivals."""
    return dict(conn.execute(sql("load/arrival_days_of_files"), {"file_keys": file_keys}).fetchall())


def registered_ns(conn: duckdb.DuckDBPyConnection, file_keys: list[str]) -> dict[str, int]:
    """file_key -> when it was last registered (ns since the epoch, UTC), for the files registered already."""
    return dict(conn.execute(sql("load/registered_arrivals"), {"file_keys": file_keys}).fetchall())


def mark_steps_pending(
    conn: duckdb.DuckDBPyConnection, file_keys: list[str], steps: list[str], run_id: str, *, fresh: bool
) -> None:
    """Committed at once: a run killed after this leaves rows the repair sensor finds."""
    with transaction(conn):
        conn.execute(
            sql("load/mark_steps_pending"), {"file_keys": file_keys, "steps": steps, "run_id": run_id, "fresh": fresh}
        ).fetchall()


def dumps_for_step(
    conn: duckdb.DuckDBPyConnection, step: str, version: str | None, first_day: date, last_day: date, max_attempts: int
) -> list[str]:
    params = {
        "step": step,
        "version": version,
        "first_day": first_day,
        "last_day": last_day,
        "max_attempts": max_attempts,
    }
    return [row[0] for row in conn.execute(sql("load/dumps_for_step"), params).fetchall()]


def unfinished_dumps(conn: duckdb.DuckDBPyConnection) -> list[UnfinishedDump]:
    return [UnfinishedDump(*row) for row in conn.execute(sql("load/unfinished_arrivals")).fetchall()]
