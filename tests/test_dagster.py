"""The code location under real Dagster: definitions, partitioned runs, checks, sensor, schedule."""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import dagster as dg
import pytest

from pipelines.orchestration.runner import QUIET, run_files
from pipelines.warehouse.connection import warehouse

RANGE_START = "dagster/asset_partition_range_start"
RANGE_END = "dagster/asset_partition_range_end"
TODAY = datetime.now(UTC).date()
# Tables that record when and by which run things happened: they change with every run by design.
BOOKKEEPING = {"schema_migrations", "warehouse_publishes", "dump_steps", "landing_arrivals"}


@pytest.fixture
def defs(landing: Path, warehouse_path: Path) -> dg.Definitions:
    from pipelines.definitions import build_definitions

    return build_definitions()


def run_partitions(defs, instance, keys: list[str], day: str | None = None) -> dg.ExecuteInProcessResult:
    """The files in one run of one arrival day, as the landing sensor hands them over."""
    return run_files(defs, instance, keys, day=day, raise_on_error=True)


def tables(path: Path) -> dict[str, list[tuple]]:
    with warehouse(path, read_only=True) as conn:
        names = [r[0] for r in conn.execute("SELECT table_name FROM duckdb_tables() ").fetchall()]
        return {n: conn.execute(f"SELECT * FROM {n} ORDER BY ALL").fetchall() for n in names if n not in BOOKKEEPING}


def test_definitions_load(defs) -> None:
    keys = {k.to_user_string() for k in defs.resolve_all_asset_keys()}
    assert "articles" in keys
    assert defs.resolve_sensor_def("landing_sensor").job_name == "ingest_job"
    schedule = defs.resolve_schedule_def("daily_corpus_refresh")
    assert (schedule.cron_schedule, schedule.job_name) == ("0 3 * * *", "corpus_job")
    corpus = defs.resolve_job_def("corpus_job").asset_layer.asset_graph.get_all_asset_keys()
    assert {k.to_user_string() for k in corpus} >= {"discovered_themes", "article_keywords"}
    defs.resolve_all_job_defs()


def test_partitioned_runs_are_idempotent(defs, instance, landing: Path, warehouse_path: Path) -> None:
    keys = sorted(p.name for p in landing.iterdir())
    result = run_partitions(defs, instance, keys)
    assert result.success
    assert all(e.passed for e in result.get_asset_check_evaluations())
    first = tables(warehouse_path)
    assert len(first["dumps"]) == len(keys) and len(first["articles"]) == 8
    # The UI shows how far the step got: a log event per tenth of its files (here each file is more than a tenth).
    logged = [
        e.user_message.split(",")[0]
        for e in instance.all_logs(result.run_id)
        if e.dagster_event is None and e.user_message.startswith("articles: ")
    ]
    assert logged == [f"articles: {done}/{len(keys)} files" for done in range(1, len(keys) + 1)]
    job = defs.resolve_job_def("ingest_job")
    assert run_partitions(defs, instance, [keys[1]]).success  # an operator reloads one file
    # Re-running the whole day (no file list: every file of its partition) changes nothing either.
    assert job.execute_in_process(instance=instance, partition_key=TODAY.isoformat(), run_config=QUIET).success
    assert tables(warehouse_path) == first
    assert instance.get_materialized_partitions(dg.AssetKey("articles")) == {TODAY.isoformat()}


def test_a_run_over_two_arrival_days_reloads_both(defs, instance, landing: Path, warehouse_path: Path) -> None:
    keys = sorted(p.name for p in landing.iterdir())
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    assert run_partitions(defs, instance, keys[:2], day=yesterday).success
    assert run_partitions(defs, instance, keys[2:]).success
    first = tables(warehouse_path)
    with warehouse(warehouse_path, read_only=True, snapshot="latest") as conn:
        days = dict(conn.execute("SELECT file_key, arrival_day::VARCHAR FROM landing_arrivals").fetchall())
    assert days == {**dict.fromkeys(keys[:2], yesterday), **dict.fromkeys(keys[2:], TODAY.isoformat())}
    # An operator's run over both days (range tags): one run that reloads every file of both days.
    job = defs.resolve_job_def("ingest_job")
    backfill = job.execute_in_process(
        instance=instance, run_config=QUIET, tags={RANGE_START: yesterday, RANGE_END: TODAY.isoformat()}
    )
    assert backfill.success
    assert backfill.asset_materializations_for_node("articles")[0].metadata["dumps"].value == len(keys)

    # The search index numbers documents in load order (an internal key): the reload order differs.
    def without_search(found):
        return {name: rows for name, rows in found.items() if not name.startswith("search_")}

    assert without_search(tables(warehouse_path)) == without_search(first)
    assert instance.get_materialized_partitions(dg.AssetKey("entity_mentions")) == {yesterday, TODAY.isoformat()}


def test_backfills_are_one_run_per_arrival_day(defs) -> None:
    # Dagster splits an asset backfill by each asset's policy: one day per run for every partitioned asset, so a
    # backfill's days queue behind the writer limit one by one and a newly landed file's run is not held behind them.
    partitioned = [asset for asset in defs.resolve_all_asset_specs() if asset.partitions_def is not None]
    assert partitioned
    graph = defs.resolve_asset_graph()
    for spec in partitioned:
        assert graph.get(spec.key).backfill_policy == dg.BackfillPolicy.multi_run(max_partitions_per_run=1), spec.key


def test_bad_files_do_not_fail_the_run(defs, instance, landing: Path, warehouse_path: Path) -> None:
    (landing / "corrupt.txt.gz").write_bytes(b"\x1f\x8b\x08\x00this is not deflate data")
    (landing / "dup.txt").write_bytes((landing / "2025-07-17_wire.txt").read_bytes())
    result = run_partitions(defs, instance, sorted(p.name for p in landing.iterdir()))
    assert result.success
    with warehouse(warehouse_path, read_only=True) as conn:
        statuses = dict(conn.execute("SELECT file_key, status FROM dumps").fetchall())
    assert statuses["corrupt.txt.gz"] == "failed" and statuses["dup.txt"] == "duplicate"
    metadata = result.asset_materializations_for_node("articles")[0].metadata
    assert metadata["failed"].value == 1 and "corrupt.txt.gz" in metadata["failed_files"].value


def test_sensor_waits_for_complete_files_and_batches_runs(defs, instance, landing: Path, monkeypatch) -> None:
    from pipelines.definitions import build_definitions

    monkeypatch.setenv("SENSOR_BATCH_SIZE", "3")
    monkeypatch.setenv("LANDING_SETTLE_S", "60")
    defs = build_definitions()
    sensor = defs.resolve_sensor_def("landing_sensor")

    def look(cursor):
        return sensor(
            dg.build_sensor_context(instance=instance, cursor=cursor, definitions=defs, resources=defs.resources)
        )

    def files(result):
        return [k for r in result.run_requests for k in r.run_config["ops"]["articles"]["config"]["files"]]

    an_hour_ago = time.time_ns() - 3600 * 10**9
    for path in landing.iterdir():
        os.utime(path, ns=(an_hour_ago, an_hour_ago))  # the sample's writers finished long ago
    first = look(None)
    handed = files(first)
    assert handed == sorted(p.name for p in landing.iterdir())  # settled files go at the first look
    assert len(first.run_requests) == 2  # 4 files in batches of 3: two runs, not four
    assert {r.partition_key for r in first.run_requests} == {TODAY.isoformat()}  # today's arrival day
    growing = landing / "2025-07-21_growing.txt"
    growing.write_text("标题\n正文...\n", encoding="utf-8")
    second = look(first.cursor)
    assert not second.run_requests and "1 still being written" in second.skip_reason.skip_message
    os.utime(growing, ns=(an_hour_ago, an_hour_ago))  # the writer is done
    third = look(second.cursor)
    assert files(third) == [growing.name]
    growing.write_text("标题\n正文被改写了...\n", encoding="utf-8")
    os.utime(growing, ns=(1, 1))  # an old mtime (as `cp -p` keeps): the change time still shows the write
    fifth = look(third.cursor)
    assert files(fifth) == [growing.name]  # rewritten file is reloaded
    assert not look(fifth.cursor).run_requests  # nothing new: nothing handed twice
    state = json.loads(fifth.cursor)
    assert len(state["handed"]) <= 5 and not state["waiting"]  # the cursor holds what is recent, not every file


def test_sensor_tick_costs_what_is_new(defs, instance, tmp_path: Path) -> None:
    """With thousands of files already handed over, a tick does not look at them again (only lists them)."""
    from pipelines.ingest.landing_watch import LAG_NS, WatchState, tick

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3000):
        (folder / f"{i:05d}.txt").write_text("标题\n正文\n", encoding="utf-8")
    now = max(p.stat().st_ctime_ns for p in folder.iterdir()) + 2 * LAG_NS
    first = tick(folder, WatchState(), settle_s=0, now_ns=now)
    assert len(first.complete) == 3000 and not first.state.handed  # all below the watermark now
    assert tick(folder, first.state, settle_s=0, now_ns=now).complete == []  # handed once
    (folder / "new.txt").write_text("标题\n正文\n", encoding="utf-8")
    later = (folder / "new.txt").stat().st_ctime_ns + 2 * LAG_NS
    held = tick(folder, first.state, settle_s=3600, now_ns=later)  # the new file only is looked at, and waits
    assert held.complete == [] and held.waiting == 1 and list(held.state.waiting) == ["new.txt"]
    assert [f.key for f in tick(folder, held.state, settle_s=0, now_ns=later).complete] == ["new.txt"]


def test_sensor_run_request_executes_as_one_run(defs, instance, landing: Path, warehouse_path: Path) -> None:
    from pipelines.orchestration.runner import ingest_landing

    report = ingest_landing(defs, instance)
    assert report.files_registered == 4 and not report.failed_runs and not report.check_failures
    jobs = sorted(run.job_name for run in instance.get_runs())
    assert jobs == ["corpus_job", "ingest_job"]  # four dumps, one ingest run; then the corpus refresh
    assert [run.tags.get("dagster/partition") for run in instance.get_runs(dg.RunsFilter(job_name="ingest_job"))] == [
        TODAY.isoformat()
    ]
    # Step figures for the bench: a ranged run repeats metadata per partition; it counts once.
    with warehouse(warehouse_path, read_only=True) as conn:
        chars = conn.execute("SELECT sum(char_count + 1) FROM articles").fetchone()[0]
    assert report.step_stats["entity_mentions"][0] == chars
    assert report.step_stats["article_topics"][0] == chars
