"""Operators' lake commands: migrate, publish, attach-sql, maintain, rebuild, clean-warehouse."""

from __future__ import annotations

import sys

from pipelines.config import Settings
from pipelines.warehouse.lake import NoWarehouseError, OldWarehouseError


def run_lake_command(command: str, current: Settings, snapshot: str | None = None) -> int:
    """`snapshot`: attach-sql's --snapshot (a snapshot id or 'latest'; the published one when None)."""
    try:
        if command == "attach-sql":
            return _attach_sql(current, snapshot)
        return _COMMANDS[command](current)
    except (OldWarehouseError, NoWarehouseError) as exc:
        print(f"newswh {command}: {exc}", file=sys.stderr)
        return 1


def _migrate(current: Settings) -> int:
    from pipelines.warehouse.connection import warehouse
    from pipelines.warehouse.migrate import migrate

    with warehouse(current.lake) as conn:
        ran = migrate(conn)
    print(f"applied {len(ran)} migration(s): {', '.join(ran) or 'none pending'}")
    return 0


def _publish(current: Settings) -> int:
    from pipelines.defs.assets.per_dump import PER_DUMP_STEPS
    from pipelines.warehouse.publish import publish

    report = publish(
        current.lake,
        steps=PER_DUMP_STEPS,
        max_attempts=current.repair_max_attempts,
        lock_timeout_s=current.lock_timeout_s,
    )
    if not report.published:
        print(f"not published: {report.reason}", file=sys.stderr)
        return 1
    print(f"published snapshot {report.snapshot_id} in {report.seconds:.3f}s")
    return 0


def _attach_sql(current: Settings, snapshot: str | None) -> int:
    from pipelines.warehouse.connection import attach_script

    snapshot = snapshot or "published"
    print("\n".join(attach_script(current.lake, int(snapshot) if snapshot.isdigit() else snapshot)))
    return 0


def _maintain(current: Settings) -> int:
    from pipelines.warehouse.connection import warehouse
    from pipelines.warehouse.maintenance import maintain

    with warehouse(current.lake, lock_timeout_s=current.lock_timeout_s) as conn:
        report = maintain(
            conn, current.lake, retention_days=current.snapshot_retention_days, file_grace_s=current.file_grace_s
        )
    for label, files in (("before", report.before), ("after", report.after)):
        disk = (
            f", {files.files_on_disk} files / {files.bytes_on_disk / 1e6:.1f} MB on disk"
            if files.files_on_disk is not None
            else ""
        )
        print(
            f"{label}: {files.data_files} data files ({files.data_bytes / 1e6:.1f} MB), {files.delete_files} delete "
            f"files, {files.snapshots} snapshots{disk}"
        )
    print(f"expired {report.expired_snapshots} snapshot(s), deleted {report.deleted_files} file(s)")
    return 0


def _rebuild(current: Settings) -> int:
    """A warehouse of an earlier version cannot be read by this one: the raw dumps are the source of truth, so a
    new lake is loaded from the landing folder through the same sensor path as `newswh demo`."""
    if current.lake.exists():
        print(
            f"newswh rebuild: {current.lake.describe()} already exists; choose a new --warehouse path, or remove "
            f"it first with `newswh clean-warehouse`",
            file=sys.stderr,
        )
        return 1
    from pipelines.tools.demo import run_demo

    return run_demo()


# What a Dagster instance in DAGSTER_HOME keeps about the warehouse it loaded (stock SQLite storage): runs and
# partitions (history/, storage/), the daemon's sensor cursors (schedules/), `newswh ingest`'s sensor cursors and
# compute logs. Kept: dagster.yaml (the operator's settings) and the ingest lock file.
DAGSTER_STATE = ("history", "schedules", "storage", "logs", "newswh_sensor_cursors.json")


def _clean(current: Settings) -> int:
    """A reset: every file of the warehouse, the previous version's files and report beside it, and the Dagster
    state that remembers its loads (with that state left, the sensors would not hand the landing files over again,
    and the UI would show partitions of a warehouse that is gone). `newswh ingest` must not run meanwhile."""
    import shutil

    from pipelines.tools.ingest import IngestBusyError, holding_instance_lock

    catalog = current.lake.catalog_file
    if catalog is None:
        print(
            "newswh clean-warehouse: a server catalog is not removed by this tool: drop its database on the server",
            file=sys.stderr,
        )
        return 1
    try:
        with holding_instance_lock(current.dagster_home):
            removed = current.lake.remove()
            beside = [catalog.with_suffix(".duckdb"), catalog.with_name(f"{catalog.stem}.working.duckdb")]
            beside = [*beside, *(path.with_name(f"{path.name}.wal") for path in beside)]
            if current.report_path.parent == catalog.parent:
                beside.append(current.report_path)
            for path in [*beside, *(current.dagster_home / name for name in DAGSTER_STATE)]:
                if path.is_dir():
                    shutil.rmtree(path)
                elif path.exists():
                    path.unlink()
                else:
                    continue
                removed.append(path)
    except IngestBusyError as exc:
        print(f"newswh clean-warehouse: {exc}; nothing removed", file=sys.stderr)
        return 1
    print("\n".join(f"removed {path}" for path in removed) or f"nothing to remove at {current.lake.describe()}")
    return 0


_COMMANDS = {
    "migrate": _migrate,
    "publish": _publish,
    "maintain": _maintain,
    "rebuild": _rebuild,
    "clean-warehouse": _clean,
}
