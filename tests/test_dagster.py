"""The code location under real Dagster: definitions, partitioned runs, checks, sensor, schedule."""

from __future__ import annotations

import json
import os
from pathlib import Path

import dagster as dg
import pytest


from pipelines.defs.runner import QUIET
from pipelines.warehouse.connection import warehouse

RANGE_START = "dagster/asset_partition_range_start"
RANGE_END = "dagster/asset_partition_range_end"
# Tables that record when and by which run things happened: they change with every run by design.
BOOKKEEPING = {"schema_migrations", "warehouse_publishes", "dump_steps"}


@pytest.fixture
def defs(landing: Path, warehouse_path: Path) -> dg.Definitions:
    from pipelines.definitions import build_definitions

    return build_definitions()


def run_partitions(defs, instance, keys: list[str]) -> dg.ExecuteInProcessResult:
    instance.add_dynamic_partitions("dumps", keys)
    job = defs.resolve_job_def("ingest_job")
    ordered = [k for k in instance.get_dynamic_partitions("dumps") if k in set(keys)]
    tags = {RANGE_START: ordered[0], RANGE_END: ordered[-1]}
    return job.execute_in_process(instance=instance, tags=tags, run_config=QUIET)


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
    job = defs.resolve_job_def("ingest_job")
    again = job.execute_in_process(instance=instance, partition_key=keys[1], run_config=QUIET)
    assert again.success
    assert job.execute_in_process(instance=instance, tags={RANGE_START: keys[0], RANGE_END: keys[-1]}, run_config=QUIET).success
    assert tables(warehouse_path) == first
    materialized = instance.get_materialized_partitions(dg.AssetKey("articles"))
    assert materialized == set(keys)


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
    monkeypatch.setenv("SENSOR_BATCH_SIZE", "3")
    sensor = defs.resolve_sensor_def("landing_sensor")
    first = sensor(dg.build_sensor_context(instance=instance, definitions=defs))
    assert not first.run_requests  # sizes seen once: not yet known to be complete
    growing = landing / "2025-07-21_growing.txt"
    growing.write_text("标题\n正文...\n", encoding="utf-8")
    second = sensor(dg.build_sensor_context(instance=instance, cursor=first.cursor, definitions=defs))
    registered = [k for r in second.dynamic_partitions_requests for k in r.partition_keys]
    assert registered == sorted(p.name for p in landing.iterdir() if p != growing)
    assert len(second.run_requests) == 2  # 4 files in batches of 3: two runs, not four
    assert [(r.tags[RANGE_START], r.tags[RANGE_END]) for r in second.run_requests] == [
        (registered[0], registered[2]), (registered[3], registered[3])
    ]
    instance.add_dynamic_partitions("dumps", registered)
    third = sensor(dg.build_sensor_context(instance=instance, cursor=second.cursor, definitions=defs))
    assert [k for r in third.dynamic_partitions_requests for k in r.partition_keys] == [growing.name]
    instance.add_dynamic_partitions("dumps", [growing.name])
    growing.write_text("标题\n正文被改写了...\n", encoding="utf-8")
    os.utime(growing, ns=(1, 1))
    fourth = sensor(dg.build_sensor_context(instance=instance, cursor=third.cursor, definitions=defs))
    assert not fourth.run_requests  # changed since last look: wait for it to settle
    fifth = sensor(dg.build_sensor_context(instance=instance, cursor=fourth.cursor, definitions=defs))
    assert [r.partition_key for r in fifth.run_requests] == [growing.name]  # rewritten file is reloaded
    assert set(json.loads(fifth.cursor)["loaded"]) >= set(registered)


def test_sensor_run_request_executes_as_one_run(defs, instance, landing: Path, warehouse_path: Path) -> None:
    from pipelines.defs.runner import ingest_landing

    report = ingest_landing(defs, instance)
    assert report.files_registered == 4 and not report.failed_runs and not report.check_failures
    jobs = sorted(run.job_name for run in instance.get_runs())
    assert jobs == ["corpus_job", "ingest_job"]  # four dumps, one ingest run; then the corpus refresh
    # Step figures for the bench: a ranged run repeats metadata per partition; it counts once.
    with warehouse(warehouse_path, read_only=True) as conn:
        chars = conn.execute("SELECT sum(char_count + 1) FROM articles").fetchone()[0]
    assert report.step_stats["entity_mentions"][0] == chars
    assert report.step_stats["article_topics"][0] == chars
