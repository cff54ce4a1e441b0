"""Open the warehouse safely: closed on every path, lock conflicts retried then explained."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

# Offline machines: never try to download an extension; json, parquet and icu ship built in.
_CONFIG = {"autoinstall_known_extensions": "false", "autoload_known_extensions": "true"}
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<holder>.+?)(?: \(PID (?P<pid>\d+)\))?(?:\.|$|\s*See)")


class WarehouseLockedError(RuntimeError):
    """Another process holds the DuckDB file for writing."""


def open_warehouse(path: Path, *, read_only: bool = False, lock_timeout_s: float = 60.0) -> duckdb.DuckDBPyConnection:
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + lock_timeout_s
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=dict(_CONFIG))
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise WarehouseLockedError(_lock_message(path, str(exc), lock_timeout_s)) from exc
            time.sleep(delay)
            delay = min(delay * 2, 2.0)


def _lock_message(path: Path, error: str, waited: float) -> str:
    match = _LOCK_HOLDER.search(error)
    holder = f"{match['holder']} (PID {match['pid']})" if match and match["pid"] else (
        match["holder"] if match else "another process"
    )
    return (
        f"warehouse {path} is locked for writing by {holder}; waited {waited:.0f}s. "
        "Stop that process (or wait for its run to finish) and retry. "
        f"DuckDB said: {error}"
    )


@contextmanager
def warehouse(path: Path, *, read_only: bool = False, lock_timeout_s: float = 60.0) -> Iterator[duckdb.DuckDBPyConnection]:
    conn = open_warehouse(path, read_only=read_only, lock_timeout_s=lock_timeout_s)
    try:
        yield conn
    finally:
        conn.close()


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    conn.execute("BEGIN TRANSACTION")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
