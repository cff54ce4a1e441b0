"""Cluster mode for real: a PostgreSQL server (the lake's catalog and Dagster's storage), a Dask scheduler and two
worker processes on 127.0.0.1, all started here and stopped by PID. The sample goes through the cluster while a
worker is killed in the middle of a step; the run completes, the step ran again elsewhere, no key is doubled, and
every table equals an embedded run's of the same files."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import dagster as dg
import pytest

from benchmarks.cluster_demo import cluster_settings, create_databases, ingest
from benchmarks.compare import differences, fingerprints
from benchmarks.local_dask import local_dask
from benchmarks.local_postgres import free_port, local_postgres
from pipelines.config import as_environment, child_environment, from_environment
from pipelines.warehouse.checks import run_check
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.sql_files import SQL_DIR
from tests.conftest import SAMPLE_LANDING

KILLED_STEP = "entity_mentions"  # long enough (models load) to be caught running


def _step_started(dagster_dsn: str, step: str) -> bool:
    """Dagster wrote the step's STEP_START event (its event log is in PostgreSQL here)."""
    import psycopg2

    connection = psycopg2.connect(dagster_dsn)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM event_logs WHERE dagster_event_type = 'STEP_START' AND step_key = %s", (step,)
            )
            return cursor.fetchone()[0] > 0
    except psycopg2.Error:  # the tables do not exist before the first run
        return False
    finally:
        connection.close()


def _kill_the_worker_running(
    address: str, dagster_dsn: str, step: str, stop: threading.Event, killed: list[int]
) -> None:
    """Once `step` has started, SIGKILL the worker process the scheduler has its task on (its nanny starts a new
    one; the scheduler hands the task to a live worker)."""
    from distributed import Client

    with Client(address, timeout=30) as client:
        while not stop.is_set() and not killed:
            if _step_started(dagster_dsn, step):
                for worker, keys in client.processing().items():
                    if any(str(key).endswith(f".{step}") for key in keys):
                        pid = client.run(os.getpid, workers=[worker])[worker]
                        os.kill(pid, signal.SIGKILL)
                        killed.append(pid)
                        return
            time.sleep(0.05)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("cluster")
    landing = work / "landing"
    shutil.copytree(SAMPLE_LANDING, landing)
    base = from_environment().with_overrides(landing_dir=landing, landing_settle_s=0, report_path=work / "r.html")
    with local_postgres() as dsn:
        create_databases(dsn, ["newswh_lake", "dagster"])
        port = free_port()
        config = cluster_settings(base, dsn, work, f"tcp://127.0.0.1:{port}")
        with local_dask(work / "dask", 2, env=child_environment(**as_environment(config)), port=port) as dask:
            stop, killed = threading.Event(), []
            dagster_dsn = dsn.replace("dbname=postgres", "dbname=dagster")
            killer = threading.Thread(
                target=_kill_the_worker_running, args=(dask.address, dagster_dsn, KILLED_STEP, stop, killed)
            )
            killer.start()
            try:
                report, _ = ingest(config, work / "cluster_home")
            finally:
                stop.set()
                killer.join(timeout=60)
        with warehouse(config.lake, snapshot="latest") as conn:
            cluster_tables = fingerprints(conn)
            scope = {
                "article_ids": [r[0] for r in conn.execute("SELECT article_id FROM articles").fetchall()],
                "file_keys": [r[0] for r in conn.execute("SELECT file_key FROM dumps").fetchall()],
                "model_version": conn.execute("SELECT max(model_version) FROM theme_runs").fetchone()[0] or "",
            }
            doubled = {}
            for path in sorted((SQL_DIR / "checks").glob("duplicate_keys_*.sql")):
                text = path.read_text(encoding="utf-8")
                params = {key: value for key, value in scope.items() if f"${key}" in text}
                doubled[path.stem] = run_check(conn, f"checks/{path.stem}", params).violations
    embedded = base.with_overrides(warehouse_path=work / "embedded.sqlite", step_processes=1)
    embedded_report, _ = ingest(embedded, work / "embedded_home")
    with warehouse(embedded.lake, snapshot="latest") as conn:
        embedded_tables = fingerprints(conn)
    # The default on one machine for a run big enough: each step in a process of its own, two at a time.
    parallel = base.with_overrides(warehouse_path=work / "parallel.sqlite", step_processes=2, parallel_min_files=1)
    parallel_report, _ = ingest(parallel, work / "parallel_home")
    with warehouse(parallel.lake, snapshot="latest") as conn:
        parallel_tables = fingerprints(conn)
    return {
        "report": report,
        "killed": killed,
        "cluster": cluster_tables,
        "embedded": embedded_tables,
        "embedded_report": embedded_report,
        "doubled": doubled,
        "parallel": parallel_tables,
        "parallel_report": parallel_report,
    }


def test_the_cluster_run_completes_although_a_worker_was_killed_mid_step(runs: dict) -> None:
    assert runs["killed"], f"no worker was caught running {KILLED_STEP}"
    assert runs["report"]["failed_runs"] == [] and runs["report"]["runs"] == 2
    # Dask ran the lost task again on a live worker process, which finished the step
    pids = runs["report"]["step_pids"][KILLED_STEP]
    assert pids and runs["killed"][0] not in pids[-1:]


def test_steps_of_one_run_ran_in_different_worker_processes(runs: dict) -> None:
    per_dump = ["article_topics", "search_index", "article_stories", "article_quotations", "article_tone"]
    pids = set().union(*(runs["report"]["step_pids"][step] for step in per_dump))
    assert len(pids) >= 2


def test_no_key_is_doubled_by_the_rerun(runs: dict) -> None:
    assert runs["doubled"] and all(count == 0 for count in runs["doubled"].values()), runs["doubled"]


def test_every_table_equals_the_embedded_run(runs: dict) -> None:
    assert runs["embedded_report"]["failed_runs"] == []
    assert len(runs["cluster"]) > 30 and sum(rows for rows, _ in runs["cluster"].values()) > 1000
    assert differences(runs["cluster"], runs["embedded"]) == []


def test_steps_in_parallel_processes_give_the_one_process_tables(runs: dict) -> None:
    report = runs["parallel_report"]
    assert report["failed_runs"] == []
    per_dump = [
        "entity_mentions",
        "article_topics",
        "search_index",
        "article_stories",
        "article_quotations",
        "article_tone",
    ]
    pids = [pid for step in per_dump for pid in report["step_pids"][step]]
    assert len(set(pids)) == len(per_dump)  # each step in a process of its own
    assert differences(runs["parallel"], runs["embedded"]) == []


@dg.asset(partitions_def=dg.DailyPartitionsDefinition(start_date="2025-01-01"))
def _partitioned() -> None:
    return None


def stock_dask_job() -> dg.JobDefinition:
    from dagster_dask import dask_executor

    return dg.Definitions(
        assets=[_partitioned],
        jobs=[
            dg.define_asset_job(
                "stock",
                executor_def=dask_executor.configured({"cluster": {"existing": {"address": os.environ["TEST_DASK"]}}}),
            )
        ],
    ).resolve_job_def("stock")


def test_stock_dagster_dask_still_fails_on_partitioned_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Why pipelines/defs/dask_executor.py exists: when this fails, dagster-dask works as it is; drop that module."""
    (tmp_path / "home").mkdir()
    with local_dask(tmp_path / "dask", 1) as dask, dg.instance_for_test(temp_dir=str(tmp_path / "home")) as instance:
        monkeypatch.setenv("TEST_DASK", dask.address)
        result = dg.execute_job(dg.reconstructable(stock_dask_job), instance, tags={"dagster/partition": "2025-01-02"})
        assert not result.success
    assert "Iteration is not allowed" in (tmp_path / "dask" / "scheduler.log").read_text(encoding="utf-8")
