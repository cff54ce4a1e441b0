"""Publish the lake's current state to analysts: a commit that records a snapshot, never a copy.

Pipeline steps commit to the lake one after another, so its latest snapshot may show a dump half done.
Publishing checks, inside one transaction, that no dump is half done in the snapshot that transaction
reads, and records that snapshot's id in `warehouse_publishes`. Readers attach the lake at the last
recorded snapshot (connection.py), so they never see a partial state, never wait for a writer, and a
run that fails half-way leaves them on the previous snapshot. The cost is one small row, whatever the
size of the warehouse.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from pipelines.warehouse.connection import PUBLISH_COMMIT_MESSAGE, retrying, transaction, warehouse
from pipelines.warehouse.lake import Lake
from pipelines.warehouse.migrate import migrate
from pipelines.warehouse.sql_files import sql


@dataclass(frozen=True)
class UnfinishedDumps:
    waiting: list[tuple[str, str, str, int]]  # (file_key, step, status, attempts): publish waits for these
    given_up: list[tuple[str, str, str, int]]  # failed too often: published as they are


@dataclass(frozen=True)
class PublishReport:
    published: bool
    snapshot_id: int | None = None
    seconds: float = 0.0
    reason: str = ""
    given_up: int = 0


def unfinished_dumps(conn: duckdb.DuckDBPyConnection, steps: list[str], max_attempts: int) -> UnfinishedDumps:
    rows = conn.execute(sql("checks/unfinished_dumps"), {"steps": steps, "max_attempts": max_attempts}).fetchall()
    return UnfinishedDumps(
        waiting=[row[:4] for row in rows if not row[4]], given_up=[row[:4] for row in rows if row[4]]
    )


def publish(
    lake: Lake,
    *,
    steps: list[str],
    max_attempts: int,
    run_id: str | None = None,
    lock_timeout_s: float = 60.0,
    on_wait: Callable[[str], None] | None = None,
    memory_limit: str | None = None,
) -> PublishReport:
    """Record the lake's current snapshot as the analysts' one unless some dump is half done in it."""
    started = time.perf_counter()

    def attempt() -> PublishReport:
        with warehouse(lake, lock_timeout_s=lock_timeout_s, on_wait=on_wait, memory_limit=memory_limit) as conn:
            migrate(conn)
            with transaction(conn):
                unfinished = unfinished_dumps(conn, steps, max_attempts)
                if unfinished.waiting:
                    keys = sorted({row[0] for row in unfinished.waiting})
                    return PublishReport(False, reason=f"{len(keys)} dump(s) not finished yet, e.g. {keys[0]}")
                snapshot = conn.execute(sql("load/current_snapshot")).fetchone()[0]
                conn.execute(
                    sql("load/mark_publish_commit"),
                    {
                        "author": "newswh",
                        "message": PUBLISH_COMMIT_MESSAGE,
                        "published_snapshot": str(snapshot),
                    },
                ).fetchall()
                given_up = len({row[0] for row in unfinished.given_up})
                conn.execute(
                    sql("load/record_publish"),
                    {
                        "published_at": datetime.now(UTC).replace(tzinfo=None),
                        "run_id": run_id,
                        "snapshot_id": snapshot,
                        "given_up": given_up,
                        "seconds": time.perf_counter() - started,
                    },
                ).fetchall()
            return PublishReport(True, snapshot, time.perf_counter() - started, given_up=given_up)

    return retrying(attempt, on_retry=on_wait)
