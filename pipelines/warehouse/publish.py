"""Publish the working database as the analysts' read-only snapshot, atomically.

The pipeline writes only its working database. Publishing takes the working database's write lock
(so no step writes meanwhile), checkpoints it, copies the file next to the analysts' path and
renames the copy over that path. A rename is atomic: a connection opened before it keeps reading
the file it opened (its inode lives on until the last reader closes it, then the kernel frees the
space); a connection opened after it reads the new file; nothing ever writes to a file an analyst
has open, so neither side ever waits for the other. See the README for the measured costs.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.warehouse.connection import transaction, warehouse
from pipelines.warehouse.migrate import migrate
from pipelines.warehouse.sql_files import sql

_TEMP_PREFIX = ".publishing-"


@dataclass(frozen=True)
class UnfinishedDumps:
    waiting: list[tuple[str, str, str, int]]  # (file_key, step, status, attempts): publish waits for these
    given_up: list[tuple[str, str, str, int]]  # failed too often: published as they are


@dataclass(frozen=True)
class PublishReport:
    published: bool
    bytes: int = 0
    seconds: float = 0.0
    reason: str = ""
    given_up: int = 0
    retry_after_s: float = 0.0  # when deferred to keep publishing cheap: seconds until the next may run


def unfinished_dumps(conn: duckdb.DuckDBPyConnection, steps: list[str], max_attempts: int) -> UnfinishedDumps:
    rows = conn.execute(sql("checks/unfinished_dumps"), {"steps": steps, "max_attempts": max_attempts}).fetchall()
    return UnfinishedDumps(
        waiting=[row[:4] for row in rows if not row[4]], given_up=[row[:4] for row in rows if row[4]]
    )


def publish(
    working: Path,
    published: Path,
    *,
    steps: list[str],
    max_attempts: int,
    run_id: str | None = None,
    lock_timeout_s: float = 60.0,
    on_wait: Callable[[str], None] | None = None,
    max_share: float = 0.0,
) -> PublishReport:
    """Copy `working` to `published` unless some dump is half-done (then nothing changes).

    With `max_share` > 0 a publish is also deferred while the time since the last one is less than
    its cost divided by `max_share`: publishing then takes at most that share of the pipeline's
    time however large the warehouse grows, and analysts' data lags by at most cost / share.
    """
    started = time.perf_counter()
    published.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_copies(published)
    temp = published.with_name(f"{_TEMP_PREFIX}{os.getpid()}-{published.name}")
    with warehouse(working, lock_timeout_s=lock_timeout_s, on_wait=on_wait) as conn:
        migrate(conn)
        unfinished = unfinished_dumps(conn, steps, max_attempts)
        if unfinished.waiting:
            keys = sorted({row[0] for row in unfinished.waiting})
            return PublishReport(False, reason=f"{len(keys)} dump(s) not finished yet, e.g. {keys[0]}")
        wait = _spacing(conn, max_share)
        if wait > 0:
            return PublishReport(False, reason=f"deferred: publishing again in {wait:.0f}s keeps it under "
                                 f"{max_share:.0%} of the pipeline's time", retry_after_s=wait)
        given_up = len({row[0] for row in unfinished.given_up})
        with transaction(conn):
            stamp = conn.execute(sql("load/record_publish"), {"run_id": run_id, "given_up": given_up}).fetchall()[0][0]
        conn.execute("CHECKPOINT").fetchall()
        # Still holding the write lock: the file is complete on disk and nobody can change it.
        shutil.copyfile(working, temp)
    try:
        _check_opens(temp)
        with open(temp, "rb") as copied:
            os.fsync(copied.fileno())
        Path(f"{published}.wal").unlink(missing_ok=True)  # nobody writes the snapshot; a stray WAL would not match
        os.replace(temp, published)
        _fsync_folder(published.parent)
    finally:
        temp.unlink(missing_ok=True)
    seconds, size = time.perf_counter() - started, published.stat().st_size
    with warehouse(working, lock_timeout_s=lock_timeout_s, on_wait=on_wait) as conn, transaction(conn):
        conn.execute(sql("load/record_publish_cost"), {"seconds": seconds, "bytes": size, "published_at": stamp}).fetchall()
    return PublishReport(True, size, seconds, given_up=given_up)


def _spacing(conn: duckdb.DuckDBPyConnection, max_share: float) -> float:
    """Seconds to wait before the next publish may run (0: now)."""
    if max_share <= 0:
        return 0.0
    last = conn.execute(sql("load/last_publish")).fetchall()
    if not last:
        return 0.0
    cost, since = last[0]
    return max(0.0, cost / max_share - since)


def _check_opens(path: Path) -> None:
    conn = duckdb.connect(str(path), read_only=True)
    try:
        conn.execute("SELECT count(*) FROM schema_migrations").fetchall()
    finally:
        conn.close()


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove_abandoned_copies(published: Path) -> None:
    """Copies left by a publisher that died mid-copy; ours are removed in `publish` itself."""
    for leftover in published.parent.glob(f"{_TEMP_PREFIX}*-{published.name}"):
        pid = leftover.name[len(_TEMP_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            leftover.unlink(missing_ok=True)
