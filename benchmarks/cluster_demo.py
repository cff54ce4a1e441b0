"""`newswh cluster-demo`: the same definitions on a local cluster, checked against an embedded run.

Starts a PostgreSQL server (the lake's catalog and Dagster's run storage), a Dask scheduler and two worker
processes, all on 127.0.0.1; ingests a landing folder through them (every step runs on a Dask worker and writes
its own rows to the lake, whose data files lie in a folder all of them see); then ingests the same files into an
embedded lake on this machine and compares every table (row counts and content hashes). Everything it started
is stopped when it ends, also on a failure or Ctrl-C.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pipelines.config import Settings, as_environment, child_environment
from pipelines.defs.checks import blocking_failures


def create_databases(dsn: str, names: list[str]) -> None:
    import psycopg2
    from psycopg2 import sql as pg

    connection = psycopg2.connect(dsn)
    try:
        connection.set_session(autocommit=True)  # CREATE DATABASE refuses to run inside a transaction
        with connection.cursor() as cursor:
            for name in names:
                cursor.execute(pg.SQL("CREATE DATABASE {}").format(pg.Identifier(name)))
    finally:
        connection.close()


def cluster_settings(config: Settings, dsn: str, work: Path, scheduler: str) -> Settings:
    """The settings every cluster process gets: only these, and file references, travel to the workers."""
    parts = dict(part.split("=", 1) for part in dsn.split())
    return config.with_overrides(
        warehouse_catalog="postgres:" + dsn.replace("dbname=postgres", "dbname=newswh_lake"),
        warehouse_data_path=str(work / "lake_files"),
        executor="dask",
        dask_scheduler=scheduler,
        dagster_postgres_url=f"postgresql+psycopg2://{parts['user']}@{parts['host']}:{parts['port']}/dagster",
        report_path=work / "cluster_report.html",
        dagster_home=work / "cluster_dagster_home",
    )


def ingest(config: Settings, home: Path) -> tuple[dict, float]:
    """One from-scratch ingest of config.landing_dir under `config`, in a child process of its own (Dagster keeps
    the jobs it rebuilt for a process, so a second configuration in one process would reuse the first's
    executor); returns the child's run report and its wall time."""
    home.mkdir(parents=True, exist_ok=True)
    out = home / "report.json"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "benchmarks.cluster_demo", str(home), str(out)],
        env=child_environment(**as_environment(config)),
        check=True,
    )
    return json.loads(out.read_text(encoding="utf-8")), time.perf_counter() - started


def _ingest_here(home: Path, out: Path) -> None:
    """The child's side: the settings come from the environment."""
    import dagster as dg

    from pipelines.config import from_environment
    from pipelines.definitions import build_definitions
    from pipelines.orchestration.runner import ingest_landing

    config = from_environment()
    overrides = (
        {"storage": {"postgres": {"postgres_url": config.dagster_postgres_url}}}
        if config.dagster_postgres_url
        else None
    )
    with dg.instance_for_test(temp_dir=str(home), overrides=overrides) as instance:
        report = ingest_landing(build_definitions(), instance)
    out.write_text(
        json.dumps(
            {
                "runs": report.runs,
                "retries": report.retries,
                "failed_runs": report.failed_runs,
                "check_failures": report.check_failures,
                "step_pids": {step: sorted(pids) for step, pids in report.step_pids.items()},
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        ),
        encoding="utf-8",
    )


@contextmanager
def peak_memory(sample: Callable[[], dict[str, float]], every_s: float = 1.0) -> Iterator[dict[str, float]]:
    """The largest value of each key of `sample()`, taken every `every_s` seconds while the block runs."""
    peaks: dict[str, float] = {}
    stop = threading.Event()

    def watch() -> None:
        while True:
            for key, value in sample().items():
                peaks[key] = max(peaks.get(key, 0.0), value)
            if stop.wait(every_s):
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield peaks
    finally:
        stop.set()
        watcher.join()


def run_cluster_demo(config: Settings, *, workers: int = 2) -> int:
    from benchmarks.compare import differences, fingerprints
    from benchmarks.local_dask import local_dask
    from benchmarks.local_postgres import free_port, local_postgres, server_memory_mb
    from pipelines.warehouse.connection import warehouse
    from pipelines.warehouse.sql_files import sql

    with tempfile.TemporaryDirectory(prefix="newswh-cluster-demo-") as folder:
        work = Path(folder)
        started = time.perf_counter()
        with local_postgres() as dsn:
            create_databases(dsn, ["newswh_lake", "dagster"])
            scheduler = f"tcp://127.0.0.1:{free_port()}"
            cluster = cluster_settings(config, dsn, work, scheduler)
            port = int(scheduler.rsplit(":", 1)[1])
            with local_dask(
                work / "dask", workers, env=child_environment(**as_environment(cluster)), port=port
            ) as dask:
                setup_s = time.perf_counter() - started
                with peak_memory(lambda: {**dask.memory_mb(), "postgresql": server_memory_mb(dsn)}) as memory:
                    report, wall = ingest(cluster, work / "cluster_dagster_home")
                names = {pid: name for name, pid in dask.worker_pids().items()}
            with warehouse(cluster.lake, snapshot="latest") as conn:
                cluster_tables = fingerprints(conn)
                records, chars = conn.execute(sql("reports/corpus_size")).fetchone()
        embedded = config.with_overrides(
            warehouse_path=work / "embedded.sqlite",
            warehouse_catalog="",
            warehouse_data_path="",
            report_path=work / "embedded_report.html",
        )
        embedded_report, embedded_wall = ingest(embedded, work / "embedded_dagster_home")
        with warehouse(embedded.lake, snapshot="latest") as conn:
            embedded_tables = fingerprints(conn)
        total = time.perf_counter() - started
    differing = differences(cluster_tables, embedded_tables)
    by_worker: dict[str, list[str]] = {}
    for step, pids in sorted(report["step_pids"].items()):
        for pid in pids:
            by_worker.setdefault(names.get(pid, f"pid {pid} (a worker since restarted)"), []).append(step)
    print(f"landing              {config.landing_dir}")
    print(f"cluster              PostgreSQL + Dask scheduler + {workers} workers on 127.0.0.1, up in {setup_s:.1f}s")
    print(f"records              {records}")
    print(f"chars                {chars:,}")
    print(f"cluster_run_wall_s   {wall:.1f} ({report['runs']} runs, {report['retries']} step retries)")
    print(f"chars_per_s          {chars / wall:,.0f} (cluster run, end to end)")
    print(f"embedded_run_wall_s  {embedded_wall:.1f} ({embedded_report['runs']} runs)")
    print(f"total_wall_s         {total:.1f}")
    for worker, steps in sorted(by_worker.items()):
        print(f"{worker:<20} ran {len(steps)} step(s): {', '.join(steps)}")
    for service, megabytes in sorted(memory.items()):
        print(f"peak_MB {service:<12} {megabytes:.0f}")
    print(f"peak_MB driver       {report['peak_rss_mb']:.0f} (the process that ran the cluster's ingest)")
    print("                     (sampled each second: RSS of each Dask process and the processes under it,")
    print("                     PSS of PostgreSQL's server and backends, whose shared buffers count once)")
    print(f"tables_compared      {len(cluster_tables)}; differing: {len(differing)}")
    for difference in differing:
        print(f"DIFFERENT: {difference.table}: cluster {difference.left}, embedded {difference.right}")
    failures = (
        report["failed_runs"]
        + blocking_failures(report["check_failures"])
        + embedded_report["failed_runs"]
        + blocking_failures(embedded_report["check_failures"])
    )
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures or differing or len(by_worker) < 2 else 0


if __name__ == "__main__":  # the child process of `ingest`
    _ingest_here(Path(sys.argv[1]), Path(sys.argv[2]))
