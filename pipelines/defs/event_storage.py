"""Dagster's SQLite event log, writing batches of asset events in one transaction per database.

A single-run backfill over N dump partitions emits 2N events per asset (planned and
materialised). The stock SQLite storage opens, commits and closes two databases per event,
which made the per-partition bookkeeping cost far more than parsing the dumps. Dagster already
hands these events over as batches when DAGSTER_EVENT_BATCH_SIZE > 0; this class stores such a
batch in one transaction on the run shard and one on the index shard, with the same rows the
stock `store_event` writes. Anything else falls back to the stock per-event path.

Configured in dagster.yaml (see `instance_config`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from dagster._core.events import ASSET_EVENTS
from dagster._core.events.log import EventLogEntry
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage
from dagster._core.storage.sqlalchemy_compat import db_result

EVENT_BATCH_SIZE = "10000"


class BatchingSqliteEventLogStorage(SqliteEventLogStorage):
    @classmethod
    def from_config_value(cls, inst_data, config_value) -> BatchingSqliteEventLogStorage:
        return cls(inst_data=inst_data, **config_value)

    def store_event_batch(self, events: Sequence[EventLogEntry]) -> None:
        by_run: dict[str, list[EventLogEntry]] = {}
        for event in events:
            if event.is_dagster_event and event.dagster_event_type in ASSET_EVENTS:
                by_run.setdefault(event.run_id, []).append(event)
            else:  # check and run events keep the stock path and its side effects
                self.store_event(event)
        for run_id, asset_events in by_run.items():
            self._store_asset_events(run_id, asset_events)

    def _store_asset_events(self, run_id: str, events: list[EventLogEntry]) -> None:
        statements = [self.prepare_insert_event(event) for event in events]
        with self.run_connection(run_id) as conn:
            for statement in statements:
                conn.execute(statement)
        with self.index_transaction() as conn:
            event_ids = []
            for statement in statements:
                with db_result(conn, statement) as result:
                    event_ids.append(result.inserted_primary_key[0])
            self._store_asset_event_tags(conn, events, event_ids)
            for event, event_id in _last_of_each_kind(events, event_ids):
                self._store_asset_event(conn, event, event_id)


def _last_of_each_kind(events: list[EventLogEntry], event_ids: list[int]) -> list[tuple[EventLogEntry, int]]:
    """The asset-key row keeps, per column, what the latest event of each type wrote: applying
    the last event of each (asset, type) in their original order gives the same row as
    applying all of them, at a fraction of the statements."""
    last: dict[tuple[str, str], int] = {}
    for position, event in enumerate(events):
        dagster_event = event.get_dagster_event()
        last[(dagster_event.asset_key.to_string(), dagster_event.event_type_value)] = position
    return [(events[p], event_ids[p]) for p in sorted(last.values())]


def instance_config(base_dir: str) -> dict:
    """The dagster.yaml section that selects this storage for an instance rooted at base_dir."""
    return {
        "event_log_storage": {
            "module": "pipelines.defs.event_storage",
            "class": "BatchingSqliteEventLogStorage",
            "config": {"base_dir": base_dir},
        }
    }


def write_dagster_yaml(home: Path) -> Path:
    """Create DAGSTER_HOME/dagster.yaml for `make dev` unless the operator already has one."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "dagster.yaml"
    if not path.exists():
        config = {
            "telemetry": {"enabled": False},
            # nux off: no onboarding/newsletter modal over the asset graph in the UI.
            "nux": {"enabled": False},
            **instance_config(str(home / "storage")),
            # One run that writes the working database at a time (jobs carry this tag): runs queue
            # instead of failing on each other's DuckDB lock.
            "run_queue": {"tag_concurrency_limits": [{"key": "newswh/warehouse", "limit": 1}]},
        }
        path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_dagster_yaml(Path(sys.argv[1])))
