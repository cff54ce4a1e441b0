"""`newswh demo`: materialise the whole asset graph on a landing folder, then show the result."""

from __future__ import annotations

import tempfile
from pathlib import Path

from pipelines.config import Settings, settings
from pipelines.orchestration.instance import temporary_instance
from pipelines.tools.summary import print_summary


def run_demo() -> int:
    from pipelines.definitions import build_definitions
    from pipelines.orchestration.runner import ingest_landing

    config = settings()
    print(f"landing folder: {config.landing_dir}\nwarehouse:      {config.lake.describe()}\n")
    if not config.landing_dir.is_dir() or not any(config.landing_dir.iterdir()):
        print(
            "the landing folder is empty or missing: drop dump files in, or run `make demo`, which copies "
            "the sample dumps into it\n"
        )
    warn_if_mixing(config)
    # A throwaway Dagster instance: the demo shows the sensor path without touching `make dev` state.
    with tempfile.TemporaryDirectory(prefix="newswh-demo-") as home, temporary_instance(Path(home)) as instance:
        report = ingest_landing(build_definitions(), instance)
    print(
        f"sensor registered {report.files_registered} dump partition(s); {report.runs} run(s) "
        f"in {report.seconds_sensor + report.seconds_runs:.1f}s"
    )
    for failure in report.failed_runs:
        print(f"RUN FAILED: {failure}")
    for failure in report.check_failures:
        print(f"CHECK FAILED: {failure}")
    print()
    print_summary()
    return 1 if report.failed_runs else 0


def other_landing_folders(config: Settings) -> list[tuple[str, int]]:
    """(folder, dumps) of the landing folders other than this one that the warehouse's dumps were read from."""
    import duckdb

    from pipelines.ingest.landing import display_path
    from pipelines.warehouse.connection import warehouse
    from pipelines.warehouse.sql_files import sql

    if not config.lake.exists():
        return []
    try:
        with warehouse(config.lake, read_only=True, snapshot="latest") as conn:
            folders = conn.execute(sql("load/landing_folders_of_dumps")).fetchall()
    except duckdb.CatalogException:  # a lake with no tables yet
        return []
    return [(folder, dumps) for folder, dumps in folders if folder != display_path(config.landing_dir)]


def warn_if_mixing(config: Settings) -> None:
    """Said before loading: a warehouse adds up every landing folder loaded into it (issue 26: the bench loaded
    after the sample gave a report whose time axes ran over both corpora)."""
    others = other_landing_folders(config)
    if not others:
        return
    held = ", ".join(f"{dumps:,} dump(s) from {folder}" for folder, dumps in others)
    print(
        f"note: the warehouse already holds {held}; the dumps of {config.landing_dir} are added to them.\n"
        f"      To look at this folder alone: `make clean-warehouse` first (deletes the warehouse), or give it its "
        f"own warehouse (WAREHOUSE_PATH=warehouse/other.sqlite, or --warehouse).\n"
    )
