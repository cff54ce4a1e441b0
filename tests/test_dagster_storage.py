"""Dagster instance storage tuned for backfills: batched event writes, SQLite sync mode, dagster.yaml."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest
import yaml
from sqlalchemy import create_engine, text

from pipelines.defs.event_storage import BatchingSqliteEventLogStorage, write_dagster_yaml
from pipelines.defs.runner import QUIET

RANGE = ("dagster/asset_partition_range_start", "dagster/asset_partition_range_end")


def materialize_sample(instance, landing: Path) -> None:
    from pipelines.definitions import build_definitions

    keys = sorted(p.name for p in landing.iterdir())
    instance.add_dynamic_partitions("dumps", keys)
    job = build_definitions().resolve_job_def("ingest_job")
    result = job.execute_in_process(
        instance=instance, tags=dict(zip(RANGE, (keys[0], keys[-1]))), run_config=QUIET,
        asset_selection=[dg.AssetKey("articles")],
    )
    assert result.success


def asset_history(instance) -> tuple:
    key = dg.AssetKey("articles")
    materializations = instance.fetch_materializations(key, limit=100).records
    planned = instance.fetch_planned_materializations(key, limit=100).records
    return (
        sorted(r.partition_key for r in materializations),
        sorted(r.event_log_entry.dagster_event.partition for r in planned),
        instance.get_materialized_partitions(key),
    )


def test_batched_event_log_records_what_the_stock_one_does(instance, landing: Path, warehouse_path: Path, tmp_path: Path) -> None:
    assert isinstance(instance.event_log_storage, BatchingSqliteEventLogStorage)
    calls = []
    original = instance.event_log_storage._store_asset_events
    instance.event_log_storage._store_asset_events = lambda run_id, events: (calls.append(len(events)), original(run_id, events))
    materialize_sample(instance, landing)
    assert calls and max(calls) >= 4  # the four partitions' events went in as one batch
    batched = asset_history(instance)
    stock_home = tmp_path / "stock"
    stock_home.mkdir()
    with dg.instance_for_test(temp_dir=str(stock_home)) as stock:
        assert type(stock.event_log_storage) is not BatchingSqliteEventLogStorage
        materialize_sample(stock, landing)
        assert asset_history(stock) == batched
    keys = sorted(p.name for p in landing.iterdir())
    assert batched[0] == keys and batched[2] == set(keys)


def test_dagster_sqlite_commits_without_full_sync(tmp_path: Path) -> None:
    import pipelines.defs  # noqa: F401  (installs the connect hook)

    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL


@pytest.mark.parametrize("existing", [False, True])
def test_write_dagster_yaml(tmp_path: Path, existing: bool) -> None:
    path = tmp_path / "dagster.yaml"
    if existing:  # an operator's own file is never overwritten
        path.write_text("telemetry:\n  enabled: true\n", encoding="utf-8")
    written = yaml.safe_load(write_dagster_yaml(tmp_path).read_text(encoding="utf-8"))
    if existing:
        assert written == {"telemetry": {"enabled": True}}
    else:
        assert written["telemetry"] == {"enabled": False}
        assert written["event_log_storage"]["class"] == "BatchingSqliteEventLogStorage"
        assert written["event_log_storage"]["config"]["base_dir"] == str(tmp_path / "storage")
