"""Open a DuckDB file safely: closed on every path, lock conflicts waited on, logged and explained."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

# Offline machines: never try to download an extension; json, parquet and icu ship built in.
_CONFIG = {"autoinstall_known_extensions": "false", "autoload_known_extensions": "true"}
_HOLDER_PID = re.compile(r"Conflicting lock is held in .*?\(PID (?P<pid>\d+)\)")


class WarehouseLockedError(RuntimeError):
    """Another process holds the DuckDB file and did not let go within the timeout."""


@dataclass(frozen=True)
class LockHolder:
    pid: int | None
    command: str  # the holder's full command line, or what DuckDB said when /proc cannot tell
    mode: str  # "reading", "writing" or "reading or writing" (unknown)

    def describe(self) -> str:
        who = f"PID {self.pid} ({self.command})" if self.pid else self.command
        return f"{who}, which holds it for {self.mode}"


def lock_holder(path: Path, error: str) -> LockHolder:
    """Who holds `path`: the PID from DuckDB's message, its command from /proc, its lock mode from /proc/locks."""
    match = _HOLDER_PID.search(error)
    if not match:
        return LockHolder(None, "another process", "reading or writing")
    pid = int(match["pid"])
    return LockHolder(pid, _command_of(pid) or "command unknown", _lock_mode(path, pid))


def _command_of(pid: int) -> str | None:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return " ".join(part.decode(errors="replace") for part in raw.split(b"\0") if part) or None


def _lock_mode(path: Path, pid: int) -> str:
    """DuckDB takes a POSIX READ lock for read-only connections and a WRITE lock otherwise."""
    try:
        inode = path.stat().st_ino
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return "reading or writing"
    for line in lines:
        fields = line.split()
        if "->" in fields:  # a blocked waiter, not a holder
            continue
        if len(fields) >= 6 and fields[4] == str(pid) and fields[5].rsplit(":", 1)[-1] == str(inode):
            return "reading" if fields[3] == "READ" else "writing"
    return "reading or writing"


def open_warehouse(
    path: Path,
    *,
    read_only: bool = False,
    lock_timeout_s: float = 60.0,
    on_wait: Callable[[str], None] | None = None,
    memory_limit: str | None = None,
) -> duckdb.DuckDBPyConnection:
    """Connect, retrying with backoff while another process holds the file.

    `on_wait` is told once, when waiting starts, who is being waited for. `memory_limit` (DuckDB's, e.g.
    "512MB") caps DuckDB's buffer pool; without it DuckDB may cache up to 80 % of RAM of what it scanned,
    so a process's memory would follow the warehouse's size. Beyond it DuckDB spills to `<file>.tmp`.
    """
    config = dict(_CONFIG) | ({"memory_limit": memory_limit} if memory_limit else {})
    if read_only and not path.exists():
        raise FileNotFoundError(f"warehouse {path} does not exist yet: no run has written or published it")
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + lock_timeout_s
    delay = 0.05
    told = False
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            holder = lock_holder(path, str(exc))
            if time.monotonic() >= deadline:
                raise WarehouseLockedError(_lock_message(path, holder, lock_timeout_s, read_only)) from exc
            if on_wait and not told:
                on_wait(
                    f"waiting up to {lock_timeout_s:.0f}s to open {path} for "
                    f"{'reading' if read_only else 'writing'}: it is locked by {holder.describe()}"
                )
                told = True
            time.sleep(delay)
            delay = min(delay * 2, 2.0)


def _lock_message(path: Path, holder: LockHolder, waited: float, read_only: bool) -> str:
    wanted = "read" if read_only else "write"
    return (
        f"could not open warehouse {path} to {wanted}: it is locked by {holder.describe()}; "
        f"waited {waited:.0f}s. Stop that process or wait for it to finish, then retry."
    )


@contextmanager
def warehouse(
    path: Path, *, read_only: bool = False, lock_timeout_s: float = 60.0, on_wait: Callable[[str], None] | None = None,
    memory_limit: str | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    conn = open_warehouse(path, read_only=read_only, lock_timeout_s=lock_timeout_s, on_wait=on_wait,
                          memory_limit=memory_limit)
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


