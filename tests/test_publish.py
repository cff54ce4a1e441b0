"""Analysts and loads never block each other; failed work is finished by the system.

Real Dagster runs (in process), real DuckDB files, real other processes holding locks.
"""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.orchestration.runner import ingest_landing
from pipelines.warehouse.connection import open_warehouse, warehouse


@pytest.fixture
def defs(landing: Path, warehouse_path: Path, monkeypatch) -> dg.Definitions:
    monkeypatch.setenv("STEP_MAX_RETRIES", "1")
    from pipelines.definitions import build_definitions

    return build_definitions()


def rows(path: Path, query: str) -> list[tuple]:
    """What analysts see: the published snapshot."""
    with warehouse(path, read_only=True) as conn:
        return conn.execute(query).fetchall()


def latest_rows(path: Path, query: str) -> list[tuple]:
    """What the pipeline wrote: the lake's latest snapshot, published or not."""
    with warehouse(path, read_only=True, snapshot="latest") as conn:
        return conn.execute(query).fetchall()


def nothing_published(path: Path) -> bool:
    try:
        rows(path, "SELECT 1")
    except FileNotFoundError:  # NoWarehouseError
        return True
    return False


def hold_catalog(path: Path, seconds: float) -> subprocess.Popen:
    """Another process that holds the SQLite catalog's write lock for `seconds` (as a committing writer would)."""
    code = (
        f"import sqlite3, time; c = sqlite3.connect({str(path)!r}, isolation_level=None); "
        f"c.execute('BEGIN IMMEDIATE'); print('ready', flush=True); time.sleep({seconds})"
    )
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
    analyst = open_warehouse(warehouse_path, read_only=True)  # held across the next load
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

    real = entities._load
    calls = {"n": 0}

    def dies_twice(conn, batch, frames):  # the first run's try and its one retry die; the repair run works
        calls["n"] += 1
        if calls["n"] <= 2:
            raise RuntimeError("injected: entity step killed")
        return real(conn, batch, frames)

    monkeypatch.setattr(entities, "_load", dies_twice)
    report = ingest_landing(defs, instance, include_corpus=False)
    assert len(report.failed_runs) == 1 and "injected" in report.failed_runs[0]
    assert report.retries >= 1 and report.repair_runs == 1
    from pipelines.defs.assets.published import PER_DUMP_STEPS

    steps = latest_rows(working_path, "SELECT DISTINCT step, status FROM dump_steps ORDER BY ALL")
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
    monkeypatch.setattr(topics, "_load", lambda conn, batch, assignments: 1 / 0)
    from pipelines.definitions import build_definitions

    report = ingest_landing(build_definitions(), instance, include_corpus=False)
    assert report.repair_runs == 2  # bounded: then the sensor gives up
    failed = latest_rows(
        working_path, "SELECT DISTINCT status, attempts, error FROM dump_steps WHERE step = 'article_topics'"
    )
    assert failed == [("failed", 3, "ZeroDivisionError: division by zero")]
    # The publish row itself lies in the snapshot after the one it published: read it at the latest.
    assert latest_rows(
        warehouse_path, "SELECT given_up FROM warehouse_publishes ORDER BY published_at DESC LIMIT 1"
    ) == [(4,)]
    fresh = build_definitions()
    sensor = fresh.resolve_sensor_def("repair_sensor")
    tick = sensor(dg.build_sensor_context(instance=instance, cursor=None, resources=fresh.resources))
    assert tick.run_requests  # a fresh cursor would try again; the runner's cursor said it gave up


def test_a_writer_waits_for_the_catalog_and_then_succeeds(tmp_path: Path) -> None:
    from pipelines.warehouse.connection import retrying, transaction
    from pipelines.warehouse.migrate import migrate

    path = tmp_path / "news.sqlite"
    with warehouse(path) as conn:
        migrate(conn)
    holder = hold_catalog(path, seconds=1.5)
    told: list[str] = []
    try:
        started = time.monotonic()
        with warehouse(path) as conn:

            def work() -> None:
                with transaction(conn):
                    conn.execute("INSERT INTO view_definitions VALUES ('x', now())").fetchall()

            retrying(work, attempts=20, on_retry=told.append)
        assert time.monotonic() - started >= 0.5  # it did wait
    finally:
        holder.kill()
        holder.wait()
    assert told and "Failed to commit" in told[0]  # each retry is logged with its reason
    assert latest_rows(path, "SELECT count(*) FROM view_definitions WHERE digest = 'x'") == [(1,)]


def test_the_catalog_lock_error_names_the_catalog(tmp_path: Path) -> None:
    from pipelines.warehouse.migrate import migrate

    path = tmp_path / "news.sqlite"
    with warehouse(path) as conn:
        migrate(conn)
    holder = hold_catalog(path, seconds=30)
    try:
        with pytest.raises(duckdb.Error, match="locked"), warehouse(path) as conn:
            conn.execute("INSERT INTO view_definitions VALUES ('x', now())").fetchall()
    finally:
        holder.kill()
        holder.wait()


def test_the_partial_state_probe_sees_half_a_run_in_the_working_database_and_none_in_the_snapshot(
    defs, instance, landing: Path, warehouse_path: Path, working_path: Path
) -> None:
    from pipelines.orchestration.runner import QUIET, run_files
    from pipelines.warehouse.sql_files import sql

    keys = sorted(p.name for p in landing.iterdir())
    job = defs.resolve_job_def("ingest_job")
    assert run_files(defs, instance, keys, only_assets=["articles"]).success  # and the publish step: it refuses
    symptoms = dict(latest_rows(working_path, sql("checks/published_partial_states")))
    assert symptoms["dump with an unfinished step"] > 0  # the articles step wrote 'pending' rows for the rest
    assert symptoms["occurrence of a dump the entity step has not finished"] > 0
    assert nothing_published(warehouse_path)  # half a run is never published
    today = datetime.now(UTC).date().isoformat()
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
    assert growing.name not in {key for (key,) in latest_rows(working_path, "SELECT file_key FROM dumps")}


def test_publishing_costs_a_row_whatever_the_size(tmp_path: Path) -> None:
    from pipelines.warehouse.migrate import migrate
    from pipelines.warehouse.publish import publish

    path = tmp_path / "news.sqlite"
    with warehouse(path) as conn:
        migrate(conn)
    first = publish(path, steps=[], max_attempts=3)
    assert first.published and first.snapshot_id is not None
    files_before = sorted(p.name for p in (tmp_path / "news.files").rglob("*") if p.is_file())
    second = publish(path, steps=[], max_attempts=3)
    assert second.published and second.snapshot_id > first.snapshot_id
    published = latest_rows(path, "SELECT snapshot_id FROM warehouse_publishes ORDER BY published_at")
    assert published == [(first.snapshot_id,), (second.snapshot_id,)]
    files_after = sorted(p.name for p in (tmp_path / "news.files").rglob("*") if p.is_file())
    assert len(files_after) - len(files_before) <= 1  # one small row, inlined or one tiny file: no copy


def test_a_missing_snapshot_is_not_recreated_from_a_half_done_working_database(
    defs, instance, landing: Path, warehouse_path: Path, working_path: Path
) -> None:
    from pipelines.orchestration.runner import publish_if_absent, run_files

    keys = sorted(p.name for p in landing.iterdir())
    assert run_files(defs, instance, keys, only_assets=["articles"]).success
    publish_if_absent(defs)  # e.g. the first run died half-way: nothing is published from it
    assert nothing_published(warehouse_path)
