"""Keep the lake's file count and disk bounded: merge small files, expire old snapshots, delete unused files.

Every commit of a small dump writes small Parquet files, and every snapshot keeps the files it read, so
without maintenance both grow with the number of runs. The published snapshot is never expired: analysts
read it. Files are deleted only once unused for `file_grace_s`, so a reader still attached to an older
snapshot finishes first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from pipelines.warehouse.connection import published_snapshot, retrying
from pipelines.warehouse.lake import ALIAS, Lake
from pipelines.warehouse.sql_files import sql

# A data file with at least this share of its rows deleted is rewritten by maintenance: measured on the sample with
# four small adds, 48 data + 29 delete files became 30 + 1 (0.1) or 29 + 0 (0.0, which rewrites a big file for one
# deleted row).
DELETED_SHARE = 0.1


@dataclass(frozen=True)
class LakeFiles:
    data_files: int  # referenced by the current snapshot
    data_bytes: int
    delete_files: int
    snapshots: int
    files_on_disk: int | None  # every file under a local data folder (None for remote storage)
    bytes_on_disk: int | None


@dataclass(frozen=True)
class MaintenanceReport:
    before: LakeFiles
    after: LakeFiles
    expired_snapshots: int
    deleted_files: int


def lake_files(conn: duckdb.DuckDBPyConnection, lake: Lake) -> LakeFiles:
    tables = [row[0] for row in conn.execute(sql("maintenance/lake_tables"), {"catalog": ALIAS}).fetchall()]
    totals = [0, 0, 0]
    for table in tables:
        row = conn.execute(sql("maintenance/lake_file_stats"), {"catalog": ALIAS, "table": table}).fetchone()
        totals = [totals[0] + row[0], totals[1] + row[1], totals[2] + row[2]]
    snapshots = conn.execute(sql("maintenance/snapshot_count"), {"catalog": ALIAS}).fetchone()[0]
    on_disk = _files_on_disk(lake.data_path)
    return LakeFiles(totals[0], totals[1], totals[2], snapshots, *(on_disk or (None, None)))


def maintain(
    conn: duckdb.DuckDBPyConnection,
    lake: Lake,
    *,
    retention_days: float,
    file_grace_s: float,
    now: datetime | None = None,
    on_retry=None,
) -> MaintenanceReport:
    """Run on a writer connection; each call commits on its own and is retried when a pipeline step's commit
    conflicted with it. Safe to kill at any point: each DuckLake call is one catalog transaction."""
    now = now or datetime.now(UTC)
    before = lake_files(conn, lake)
    params = {"catalog": ALIAS}
    retrying(lambda: conn.execute(sql("maintenance/flush_inlined_data"), params).fetchall(), on_retry=on_retry)
    retrying(
        lambda: conn.execute(
            sql("maintenance/rewrite_deleted_files"), {**params, "deleted_share": DELETED_SHARE}
        ).fetchall(),
        on_retry=on_retry,
    )
    retrying(lambda: conn.execute(sql("maintenance/merge_small_files"), params).fetchall(), on_retry=on_retry)
    published = published_snapshot(conn)
    expired = 0
    if published is not None:
        versions = [
            row[0]
            for row in conn.execute(
                sql("maintenance/snapshots_to_expire"),
                {**params, "cutoff": now - timedelta(days=retention_days), "published_snapshot": published},
            ).fetchall()
        ]
        if versions:
            retrying(
                lambda: conn.execute(sql("maintenance/expire_snapshots"), {**params, "versions": versions}).fetchall(),
                on_retry=on_retry,
            )
            expired = len(versions)
    cutoff = {**params, "cutoff": now - timedelta(seconds=file_grace_s)}
    deleted = len(
        retrying(lambda: conn.execute(sql("maintenance/cleanup_old_files"), cutoff).fetchall(), on_retry=on_retry)
    )
    deleted += len(
        retrying(lambda: conn.execute(sql("maintenance/delete_orphaned_files"), cutoff).fetchall(), on_retry=on_retry)
    )
    return MaintenanceReport(before, lake_files(conn, lake), expired, deleted)


def _files_on_disk(data_path: str) -> tuple[int, int] | None:
    if "://" in data_path or not Path(data_path).exists():
        return None
    count = size = 0
    for folder, _dirs, files in os.walk(data_path):
        for name in files:
            count += 1
            size += os.path.getsize(os.path.join(folder, name))
    return count, size
