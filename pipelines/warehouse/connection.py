"""Connections to the warehouse lake: closed on every path, catalog locks waited on, write conflicts retried.

A writer attaches the lake's latest snapshot. A reader (`read_only=True`) attaches the latest *published*
snapshot, the one in which no dump is half done (see publish.py), unless it asks for another
(`snapshot="latest"` or a number: time travel).
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb

from pipelines.warehouse.catalog_keeper import ensure_keeper
from pipelines.warehouse.lake import (
    ALIAS,
    METADATA_ALIAS,
    Lake,
    NoWarehouseError,
    extension_directory,
    literal,
    plain_connection,
)
from pipelines.warehouse.sql_files import sql

T = TypeVar("T")
Snapshot = int | str  # a snapshot id, "published" or "latest"

# What DuckLake and its catalogs say when another writer got there first; the whole transaction is re-run.
_CONFLICT_MARKERS = (
    "database is locked",
    "failed to commit ducklake transaction",
    "transaction conflict",
    "conflict",
    "could not serialize",
    "deadlock detected",
    "busy",
)


PUBLISH_COMMIT_MESSAGE = "newswh publish"  # labels a publish's commit in the lake's snapshot log


class WarehouseLockedError(RuntimeError):
    """The catalog stayed locked by another writer for longer than the timeout."""


def is_write_conflict(error: BaseException) -> bool:
    text = str(error).lower()
    return isinstance(error, duckdb.Error) and any(marker in text for marker in _CONFLICT_MARKERS)


def as_lake(location: Lake | Path | str) -> Lake:
    return location if isinstance(location, Lake) else Lake.at(location)


def open_warehouse(
    location: Lake | Path | str,
    *,
    read_only: bool = False,
    snapshot: Snapshot | None = None,
    lock_timeout_s: float = 60.0,
    on_wait: Callable[[str], None] | None = None,
    memory_limit: str | None = None,
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection whose default database is the lake.

    `memory_limit` (DuckDB's, e.g. "512MB") caps DuckDB's buffer pool, so a step's memory does not follow
    the warehouse's size. Readers get the published snapshot unless `snapshot` says otherwise.
    """
    lake = as_lake(location)
    lake.refuse_old_format()
    if not read_only:
        lake.prepare_catalog()
    if lake.catalog_file and lake.keeper_idle_s > 0:
        ensure_keeper(lake.catalog_file, lake.keeper_idle_s)
    wanted = snapshot if snapshot is not None else ("published" if read_only else "latest")
    conn = plain_connection(memory_limit, lake.extensions)
    try:
        if wanted == "published" and lake.catalog_file and lake.catalog_file.exists():
            # The publish label read straight from the SQLite catalog (a handful of catalog statements, where
            # attaching the lake at its latest snapshot reads the whole schema, about 85): half the catalog reads
            # of a reader's connect, so half the chances to meet a commit (see catalog_keeper.py).
            pinned = _retry_locked(
                lambda: _labelled_publish_in_file(conn, lake), lake, lock_timeout_s, on_wait, read_only
            )
            if pinned is not None:
                _retry_locked(lambda: _attach(conn, lake, True, pinned), lake, lock_timeout_s, on_wait, read_only)
                return conn
        try:
            _retry_locked(lambda: _attach(conn, lake, read_only, None), lake, lock_timeout_s, on_wait, read_only)
        except duckdb.Error as exc:
            # Probed only on failure, so a reader's connect costs one attach (a missing lake fails to attach).
            if read_only and ("does not exist" in str(exc) or not lake.exists()):
                raise NoWarehouseError(
                    f"warehouse {lake.describe()} does not exist yet: no run has written or published it"
                ) from exc
            raise
        if wanted == "published":
            # The label on the publish commit names the snapshot from the catalog database alone; only a lake
            # published before labels existed needs its tables loaded to read warehouse_publishes.
            pinned = _labelled_publish(conn)
            if pinned is None:
                pinned = published_snapshot(conn)
            if pinned is None:
                raise NoWarehouseError(f"warehouse {lake.describe()} has nothing published yet")
            _reattach(conn, lake, pinned)
        elif isinstance(wanted, int):
            _reattach(conn, lake, wanted)
        return conn
    except BaseException:
        conn.close()
        raise


def published_snapshot(conn: duckdb.DuckDBPyConnection) -> int | None:
    """The snapshot analysts read: the one the last publish recorded (None before the first publish)."""
    try:
        row = conn.execute(
            "SELECT max_by(snapshot_id, published_at) FROM warehouse_publishes WHERE snapshot_id IS NOT NULL"
        ).fetchone()
    except duckdb.CatalogException:
        return None
    return row[0] if row else None


def _labelled_publish(conn: duckdb.DuckDBPyConnection) -> int | None:
    row = conn.execute(sql("load/latest_publish_commit"), {"message": PUBLISH_COMMIT_MESSAGE}).fetchone()
    return row[0] if row else None


def _labelled_publish_in_file(conn: duckdb.DuckDBPyConnection, lake: Lake) -> int | None:
    """`_labelled_publish` on an embedded catalog attached as a plain SQLite database under the name DuckLake gives
    its metadata database, so the same SQL reads it; None where no commit is labelled or the file holds no lake."""
    conn.execute(f"ATTACH {literal(str(lake.catalog_file))} AS {METADATA_ALIAS} (TYPE sqlite, READ_ONLY)").fetchall()
    try:
        return _labelled_publish(conn)
    except duckdb.CatalogException:
        return None  # not (yet) a lake: the full attach below says what is wrong
    finally:
        conn.execute(f"DETACH {METADATA_ALIAS}").fetchall()


def _attach(conn: duckdb.DuckDBPyConnection, lake: Lake, read_only: bool, snapshot: int | None) -> None:
    for statement in lake.attach_statements(read_only=read_only, snapshot=snapshot):
        conn.execute(statement).fetchall()


def _reattach(conn: duckdb.DuckDBPyConnection, lake: Lake, snapshot: int) -> None:
    conn.execute("USE memory").fetchall()
    conn.execute(f"DETACH {ALIAS}").fetchall()
    _attach(conn, lake, True, snapshot)


def _retry_locked(
    attach: Callable[[], T], lake: Lake, timeout_s: float, on_wait: Callable[[str], None] | None, read_only: bool
) -> T:
    deadline = time.monotonic() + timeout_s
    delay, told = 0.05, False
    while True:
        try:
            return attach()
        except duckdb.Error as exc:
            if not is_write_conflict(exc):
                raise
            if time.monotonic() >= deadline:
                raise WarehouseLockedError(
                    f"could not open warehouse {lake.describe()} to {'read' if read_only else 'write'}: its catalog "
                    f"stayed locked for {timeout_s:.0f}s ({exc}). Another writer holds it; retry later."
                ) from exc
            if on_wait and not told:
                on_wait(f"waiting up to {timeout_s:.0f}s for the catalog of {lake.describe()}: {exc}")
                told = True
            time.sleep(delay)
            delay = min(delay * 2, 2.0)


@contextmanager
def warehouse(
    location: Lake | Path | str,
    *,
    read_only: bool = False,
    snapshot: Snapshot | None = None,
    lock_timeout_s: float = 60.0,
    on_wait: Callable[[str], None] | None = None,
    memory_limit: str | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    conn = open_warehouse(
        location,
        read_only=read_only,
        snapshot=snapshot,
        lock_timeout_s=lock_timeout_s,
        on_wait=on_wait,
        memory_limit=memory_limit,
    )
    try:
        yield conn
    finally:
        conn.close()


def cursor(conn: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A second cursor on the same database instance, with the lake as its default database too."""
    reader = conn.cursor()
    reader.execute(f"USE {ALIAS}").fetchall()
    return reader


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    conn.execute("BEGIN TRANSACTION")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        # Also when COMMIT itself failed (another writer's commit conflicted): leave no transaction open, so that
        # `retrying` can begin the work again on this connection.
        with contextlib.suppress(duckdb.Error):  # the failed commit may already have ended the transaction
            conn.execute("ROLLBACK")
        raise


def retrying(work: Callable[[], T], *, attempts: int = 8, on_retry: Callable[[str], None] | None = None) -> T:
    """Run `work` (which opens and commits its own transaction) again when another writer's commit conflicted
    with it, with jittered exponential backoff; any other error, or the last conflict, is raised."""
    delay = 0.05
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except duckdb.Error as exc:
            if attempt == attempts or not is_write_conflict(exc):
                raise
            if on_retry:
                on_retry(f"write conflict, retry {attempt}/{attempts - 1} in {delay:.2f}s: {str(exc).splitlines()[0]}")
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 5.0)
    raise AssertionError("unreachable")


def attach_script(location: Lake | Path | str, snapshot: Snapshot = "published") -> list[str]:
    """The statements (one per line, each ending in `;`) a plain DuckDB session of this version runs to attach
    the warehouse read-only at `snapshot` and make it the default database (`newswh attach-sql`)."""
    lake = as_lake(location)
    pinned: int | None = snapshot if isinstance(snapshot, int) else None
    if snapshot == "published":
        with warehouse(lake, read_only=True, snapshot="latest") as conn:
            pinned = _labelled_publish(conn)
            if pinned is None:
                pinned = published_snapshot(conn)
        if pinned is None:
            raise NoWarehouseError(f"warehouse {lake.describe()} has nothing published yet")
    elif snapshot != "latest" and not isinstance(snapshot, int):
        raise ValueError(f"snapshot must be 'published', 'latest' or a snapshot id, not {snapshot!r}")
    return [
        "SET autoinstall_known_extensions = false;",
        f"SET extension_directory = {_quoted(str(extension_directory()))};",
        *[f"LOAD {name};" for name in lake.extensions],
        *lake.attach_statements(read_only=True, snapshot=pinned),
    ]


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
