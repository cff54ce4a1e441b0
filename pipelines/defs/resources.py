"""Resources: the warehouse lake and the landing folder.

Values come from pipelines.config.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.config import settings
from pipelines.ingest.landing import path_for_key
from pipelines.warehouse.connection import retrying, transaction, warehouse
from pipelines.warehouse.lake import Lake
from pipelines.warehouse.migrate import migrate
from pipelines.warehouse.publish import PublishReport, publish
from pipelines.warehouse.sql_files import sql


class WarehouseResource(dg.ConfigurableResource):
    """The warehouse lake (pipelines/warehouse/lake.py): steps write its latest snapshot, analysts read the
    snapshot the last publish recorded."""

    path: str  # the catalog: a SQLite file path, or a postgres: connection string
    data_path: str = ""  # the Parquet folder; empty: beside the catalog file
    lock_timeout_s: int = 60
    step_max_retries: int = 3  # a step's last try records its failure in dump_steps
    repair_max_attempts: int = 3  # failed runs after which a dump stops holding back publishing
    repair_backoff_s: int = 60  # the repair sensor waits this long, doubled per attempt, between runs of a dump
    memory_limit: str | None = "512MB"  # DuckDB's buffer pool in pipeline steps: memory does not follow the warehouse
    snapshot_retention_days: float = 7.0  # lake maintenance: older snapshots expire (the published one stays)
    file_grace_s: int = 3600  # lake maintenance: unused data files are deleted once unused this long
    catalog_keeper_idle_s: float = 0.0  # embedded catalog kept open this long after its last use (0: no keeper)

    @property
    def lake(self) -> Lake:
        return Lake.at(self.path, self.data_path or None, self.catalog_keeper_idle_s)

    @contextmanager
    def connect(
        self,
        *,
        read_only: bool = False,
        on_wait: Callable[[str], None] | None = None,
        snapshot: str | int | None = None,
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """Steps write the latest snapshot; `read_only` reads the published one unless `snapshot` says otherwise."""
        with warehouse(
            self.lake,
            read_only=read_only,
            snapshot=snapshot,
            lock_timeout_s=self.lock_timeout_s,
            on_wait=on_wait,
            memory_limit=self.memory_limit,
        ) as conn:
            if not read_only:
                retrying(lambda: migrate(conn), on_retry=on_wait)
            yield conn

    def record_steps(self, conn, file_keys: list[str], step: str, version: str | None, run_id: str) -> None:
        def work() -> None:
            with transaction(conn):
                conn.execute(
                    sql("load/record_steps_done"),
                    {"file_keys": file_keys, "step": step, "version": version, "run_id": run_id},
                ).fetchall()

        retrying(work)

    def record_failure(
        self,
        conn,
        file_keys: list[str],
        step: str,
        version: str | None,
        run_id: str,
        error: str,
        status: str = "failed",
    ) -> None:
        def work() -> None:
            with transaction(conn):
                conn.execute(
                    sql("load/record_steps_failed"),
                    {
                        "file_keys": file_keys,
                        "step": step,
                        "version": version,
                        "run_id": run_id,
                        "error": error[:2000],
                        "status": status,
                    },
                ).fetchall()

        retrying(work)

    def publish(
        self, steps: list[str], run_id: str | None, on_wait: Callable[[str], None] | None = None
    ) -> PublishReport:
        return publish(
            self.lake,
            steps=steps,
            max_attempts=self.repair_max_attempts,
            run_id=run_id,
            lock_timeout_s=self.lock_timeout_s,
            on_wait=on_wait,
            memory_limit=self.memory_limit,
        )


class LandingResource(dg.ConfigurableResource):
    """The folder raw dumps arrive in, and the rules for reading it. The landing sensor and the
    `articles` step both receive this resource, so they always look at the same folder."""

    path: str
    settle_s: int = 2  # a file is complete once unmodified this long
    batch_size: int = 2_000  # most files one sensor-launched run carries
    reference_date: str | None = None  # ISO date that overrides where missing years are inferred from
    max_record_chars: int = 200_000
    max_dump_bytes: int = 256 * 1024 * 1024
    max_gzip_ratio: int = 200
    min_published_year: int = 1990  # the published_on_plausible check's lower bound

    @property
    def folder(self) -> Path:
        return Path(self.path)

    def file_for(self, file_key: str) -> Path:
        return path_for_key(self.folder, file_key)  # keys are escaped file names


class ThemesResource(dg.ConfigurableResource):
    """When the discovered-themes model is refitted, and how many of its runs are kept."""

    refit_growth: float = 0.2  # refit once the corpus grew by this share since the last fit
    refit_days: int = 7  # ... or once the last fit is this old
    runs_kept: int = 3


class RunsResource(dg.ConfigurableResource):
    """How a run's steps execute: in processes of their own on this machine, or on the workers of a Dask cluster."""

    executor: str = "multiprocess"  # or "dask": the jobs' executor is then the Dask one (pipelines/defs/jobs.py)
    step_processes: int = 1  # most steps of one run executing at once (1: all in the run's process)
    parallel_min_files: int = 20  # runs with fewer files keep every step in the run's own process
    extract_processes: int = 2  # worker processes extracting a step's next batches while it loads (1: none)

    def execution_config(self, files: int | None) -> dict:
        """Run config choosing how a run carrying `files` dump files (None: a corpus-wide run) executes."""
        if self.executor == "dask":
            return {}  # configured once on the jobs
        if self.step_processes <= 1 or (files is not None and files < self.parallel_min_files):
            return {"execution": {"config": {"in_process": {}}}}
        return {"execution": {"config": {"multiprocess": {"max_concurrent": self.step_processes}}}}


class ReportResource(dg.ConfigurableResource):
    """Where the analysts' HTML report is written, and the window of its top-entity lists."""

    path: str
    window_days: int = 90


def default_resources() -> dict[str, dg.ConfigurableResource]:
    current = settings()
    return {
        "warehouse": WarehouseResource(
            path=current.warehouse_catalog or str(current.warehouse_path),
            data_path=current.lake.data_path,
            lock_timeout_s=current.lock_timeout_s,
            step_max_retries=current.step_max_retries,
            repair_max_attempts=current.repair_max_attempts,
            repair_backoff_s=current.repair_backoff_s,
            snapshot_retention_days=current.snapshot_retention_days,
            file_grace_s=current.file_grace_s,
            memory_limit=current.warehouse_memory_limit or None,
            catalog_keeper_idle_s=current.catalog_keeper_idle_s,
        ),
        "landing": LandingResource(
            path=str(current.landing_dir),
            settle_s=current.landing_settle_s,
            batch_size=current.sensor_batch_size,
            reference_date=current.reference_date.isoformat() if current.reference_date else None,
            max_record_chars=current.max_record_chars,
            max_dump_bytes=current.max_dump_bytes,
            max_gzip_ratio=current.max_gzip_ratio,
            min_published_year=current.min_published_year,
        ),
        "themes": ThemesResource(
            refit_growth=current.theme_refit_growth,
            refit_days=current.theme_refit_days,
            runs_kept=current.theme_runs_kept,
        ),
        "report": ReportResource(path=str(current.report_path), window_days=current.report_window_days),
        "runs": RunsResource(
            executor=current.executor,
            step_processes=current.step_processes,
            parallel_min_files=current.parallel_min_files,
            extract_processes=current.extract_processes,
        ),
    }
