"""Analysts and loads never block each other; failed work is finished by the system.

Real Dagster runs (in process), real DuckDB files, real other processes holding locks.
"""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.orchestration.runner import ingest_landing
from pipelines.warehouse.connection import WarehouseLockedError, open_warehouse, warehouse


@pytest.fixture
def defs(landing: Path, warehouse_path: Path, monkeypatch) -> dg.Definitions:
    monkeypatch.setenv("STEP_MAX_RETRIES", "1")
    from pipelines.definitions import build_definitions

    return build_definitions()


def rows(path: Path, query: str) -> list[tuple]:
    with warehouse(path, read_only=True) as conn:
        return conn.execute(query).fetchall()


def hold(path: Path, *, read_only: bool, seconds: float) -> subprocess.Popen:
    """Another process that opens `path` and keeps it open for `seconds`."""
    code = (f"import duckdb, time; c = duckdb.connect({str(path)!r}, read_only={read_only}); "
            f"print('ready', flush=True); time.sleep({seconds})")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "ready"
    return holder


def test_a_run_publishes_and_an_open_analyst_connection_keeps_its_snapshot(
    defs, instance, landing: Path, warehouse_path: Path, working_path: Path
) -> None:
    first = sorted(landing.iterdir())
    for extra in first[2:]:
        extra.rename(landing.parent / extra.name)  # load two dumps first, the rest later
    ingest_landing(defs, instance, include_corpus=False)
    analyst = duckdb.connect(str(warehouse_path), read_only=True)  # held across the next load
    before = analyst.execute("SELECT count(*) FROM dumps").fetchone()[0]
    for extra in first[2:]:
        (landing.parent / extra.name).rename(extra)
    report = ingest_landing(defs, instance, include_corpus=False)  # loads never wait on the analyst
    assert not report.failed_runs and report.publishes[-1]["published"] is True
    assert analyst.execute("SELECT count(*) FROM dumps").fetchone()[0] == before == 2  # still its snapshot
    analyst.close()
    assert rows(warehouse_path, "SELECT count(*) FROM dumps") == [(len(first),)]  # a new connection: new data
    assert rows(warehouse_path, "SELECT count(*) FROM warehouse_publishes")[0][0] >= 2


def test_a_killed_entity_step_is_finished_later_without_anyone(
    defs, instance, landing: Path, warehouse_path: Path, working_path: Path, monkeypatch
) -> None:
    from pipelines.defs.assets import entities

    real = entities._extract_and_load
    calls = {"n": 0}

    def dies_twice(conn, batch):  # the first run's try and its one retry die; the repair run works
        calls["n"] += 1
        if calls["n"] <= 2:
            raise RuntimeError("injected: entity step killed")
        return real(conn, batch)

    monkeypatch.setattr(entities, "_extract_and_load", dies_twice)
    report = ingest_landing(defs, instance, include_corpus=False)
    assert len(report.failed_runs) == 1 and "injected" in report.failed_runs[0]
    assert report.retries >= 1 and report.repair_runs == 1
    from pipelines.defs.assets.published import PER_DUMP_STEPS

    steps = rows(working_path, "SELECT DISTINCT step, status FROM dump_steps ORDER BY ALL")
    assert steps == sorted((step, "done") for step in PER_DUMP_STEPS)
    # The failed run published nothing; the repair run published every dump with its mentions.
    assert [p["published"] for p in report.publishes] == [True]
    published = rows(warehouse_path, "SELECT (SELECT count(*) FROM dumps), (SELECT count(*) FROM entity_mentions)")
    assert published[0][0] == 4 and published[0][1] > 0


def test_a_dump_that_keeps_failing_is_given_up_with_its_reason_and_the_rest_is_published(
    defs, instance, landing: Path, warehouse_path: Path, working_path: Path, monkeypatch
) -> None:
    from pipelines.defs.assets import topics

    monkeypatch.setenv("REPAIR_MAX_ATTEMPTS", "2")
    monkeypatch.setattr(topics, "_classify_and_load", lambda conn, batch: 1 / 0)
    from pipelines.definitions import build_definitions

    report = ingest_landing(build_definitions(), instance, include_corpus=False)
    assert report.repair_runs == 2  # bounded: then the sensor gives up
    failed = rows(working_path, "SELECT DISTINCT status, attempts, error FROM dump_steps WHERE step = 'article_topics'")
    assert failed == [("failed", 3, "ZeroDivisionError: division by zero")]
    assert rows(warehouse_path, "SELECT given_up FROM warehouse_publishes ORDER BY published_at DESC LIMIT 1") == [(4,)]
    fresh = build_definitions()
    sensor = fresh.resolve_sensor_def("repair_sensor")
    tick = sensor(dg.build_sensor_context(instance=instance, cursor=None, resources=fresh.resources))
    assert tick.run_requests  # a fresh cursor would try again; the runner's cursor said it gave up


def test_a_writer_waits_for_another_process_logs_whom_and_then_succeeds(tmp_path: Path) -> None:
    path = tmp_path / "working.duckdb"
    duckdb.connect(str(path)).close()
    holder = hold(path, read_only=True, seconds=1.5)
    told: list[str] = []
    try:
        started = time.monotonic()
        conn = open_warehouse(path, lock_timeout_s=30, on_wait=told.append)
        conn.close()
        assert time.monotonic() - started >= 0.5  # it did wait
    finally:
        holder.kill()
        holder.wait()
    assert len(told) == 1 and f"PID {holder.pid}" in told[0] and "for reading" in told[0]
    assert sys.executable in told[0]  # the whole command, not cut at the first dot


@pytest.mark.parametrize(
    ("read_only", "mode"),
    [
        (False, "for writing"),  # a pipeline process holding the working database
        (True, "for reading"),  # an analyst (or a tool) holding it read-only
    ],
)
def test_the_lock_error_names_the_process_its_command_and_its_mode(tmp_path: Path, read_only: bool, mode: str) -> None:
    path = tmp_path / "w.duckdb"
    duckdb.connect(str(path)).close()
    holder = hold(path, read_only=read_only, seconds=30)
    try:
        with pytest.raises(WarehouseLockedError) as error:
            open_warehouse(path, lock_timeout_s=0.3)
    finally:
        holder.kill()
        holder.wait()
    message = str(error.value)
    assert f"PID {holder.pid} ({sys.executable} -c import duckdb" in message and mode in message


def test_the_partial_state_probe_sees_half_a_run_in_the_working_database_and_none_in_the_snapshot(
    defs, instance, landing: Path, warehouse_path: Path, working_path: Path
) -> None:
    from pipelines.orchestration.runner import QUIET, run_files
    from pipelines.warehouse.sql_files import sql

    keys = sorted(p.name for p in landing.iterdir())
    job = defs.resolve_job_def("ingest_job")
    assert run_files(defs, instance, keys, only_assets=["articles"]).success  # and the publish step: it refuses
    symptoms = dict(rows(working_path, sql("checks/published_partial_states")))
    assert symptoms["dump with an unfinished step"] > 0  # the articles step wrote 'pending' rows for the rest
    assert symptoms["occurrence of a dump the entity step has not finished"] > 0
    assert not warehouse_path.exists()  # half a run is never published
    today = datetime.now(timezone.utc).date().isoformat()
    assert job.execute_in_process(instance=instance, partition_key=today, run_config=QUIET).success  # the day again
    assert all(count == 0 for _, count in rows(warehouse_path, sql("checks/published_partial_states")))


def test_a_file_still_being_written_is_not_loaded_by_the_drivers(
    defs, instance, landing: Path, warehouse_path: Path, working_path: Path, monkeypatch
) -> None:
    import threading

    from pipelines.definitions import build_definitions

    monkeypatch.setenv("LANDING_SETTLE_S", "1")
    defs = build_definitions()
    growing = landing / "2025-07-22_growing.txt"
    growing.write_text("第一条\n正文。\n", encoding="utf-8")
    stop = threading.Event()

    def writer() -> None:  # appends a record every 0.2 s, like a slow copy
        number = 0
        while not stop.is_set():
            number += 1
            with growing.open("a", encoding="utf-8") as out:
                out.write(f"-\n第{number}条续\n正文{number}。\n")
            time.sleep(0.2)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        report = ingest_landing(defs, instance, include_corpus=False)
    finally:
        stop.set()
        thread.join()
    assert report.files_registered == 4  # the sample's four dumps, not the one being written
    assert growing.name not in {key for (key,) in rows(working_path, "SELECT file_key FROM dumps")}


def test_publishing_is_spaced_so_it_takes_at_most_its_share_and_operators_can_force_it(tmp_path: Path) -> None:
    from pipelines.warehouse.migrate import migrate
    from pipelines.warehouse.publish import publish

    working, published = tmp_path / "working.duckdb", tmp_path / "news.duckdb"
    with warehouse(working) as conn:
        migrate(conn)
    first = publish(working, published, steps=[], max_attempts=3, max_share=0.1)
    assert first.published and first.seconds > 0
    with warehouse(working) as conn:  # pretend that copy took 100 s: the next may come 1,000 s later
        conn.execute("UPDATE warehouse_publishes SET seconds = 100").fetchall()
    spaced = publish(working, published, steps=[], max_attempts=3, max_share=0.1)
    assert not spaced.published and spaced.reason.startswith("deferred") and 990 < spaced.retry_after_s <= 1000
    assert rows(published, "SELECT count(*) FROM warehouse_publishes") == [(1,)]  # the snapshot did not change
    forced = publish(working, published, steps=[], max_attempts=3, max_share=0.0)
    assert forced.published
    assert rows(published, "SELECT count(*) FROM warehouse_publishes") == [(2,)]
    costs = rows(working, "SELECT seconds IS NOT NULL AND bytes > 0 FROM warehouse_publishes ORDER BY published_at")
    assert costs == [(True,), (True,)]  # each publish's cost is written back for the next to read


def test_a_deferred_publish_is_done_by_the_driver_and_falls_due_for_the_repair_sensor(
    landing: Path, warehouse_path: Path, working_path: Path, instance, monkeypatch
) -> None:
    from pipelines.definitions import build_definitions
    from pipelines.defs.repair import deferred_publish_due
    from pipelines.orchestration.runner import publish_if_absent

    monkeypatch.setenv("PUBLISH_MAX_SHARE", "0.1")
    defs = build_definitions()
    publish_if_absent(defs)
    with warehouse(working_path) as conn:  # the last publish "cost" 100 s: the next may come 1,000 s later
        conn.execute("UPDATE warehouse_publishes SET seconds = 100").fetchall()
    report = ingest_landing(defs, instance, include_corpus=False)
    assert str(report.publishes[0]["reason"]).startswith("deferred")  # the run's own publish waited
    assert report.publishes[-1]["published"] is True  # the driver, about to exit, published anyway
    assert rows(warehouse_path, "SELECT count(*) FROM dumps") == [(4,)]
    now = time.time()
    assert not deferred_publish_due(instance, now)  # the daemon's repair sensor waits ...
    assert deferred_publish_due(instance, now + 1_000)  # ... then asks for a publish-only run


def test_a_missing_snapshot_is_not_recreated_from_a_half_done_working_database(
    defs, instance, landing: Path, warehouse_path: Path, working_path: Path
) -> None:
    from pipelines.orchestration.runner import publish_if_absent, run_files

    keys = sorted(p.name for p in landing.iterdir())
    assert run_files(defs, instance, keys, only_assets=["articles"]).success
    publish_if_absent(defs)  # e.g. an operator deleted the snapshot while a run was half-way
    assert not warehouse_path.exists()
