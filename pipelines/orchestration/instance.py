"""Dagster instances: the persistent one `make dev` and `newswh ingest` share, and throwaway ones for the
demo, the bench and the tests, configured alike (stock storage, one writer run at a time)."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import yaml

# One run that writes the working database at a time (jobs carry this tag, see pipelines/defs/jobs.py):
# runs queue instead of failing on each other's DuckDB lock.
RUN_QUEUE = {"tag_concurrency_limits": [{"key": "newswh/warehouse", "limit": 1}]}


def write_dagster_yaml(home: Path) -> Path:
    """Create DAGSTER_HOME/dagster.yaml for `make dev` unless the operator already has one."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "dagster.yaml"
    if not path.exists():
        config = {
            "telemetry": {"enabled": False},
            # nux off: no onboarding/newsletter modal over the asset graph in the UI.
            "nux": {"enabled": False},
            "run_queue": RUN_QUEUE,
        }
        path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


@contextmanager
def temporary_instance(home: Path) -> Iterator[dg.DagsterInstance]:
    home.mkdir(parents=True, exist_ok=True)
    with dg.instance_for_test(temp_dir=str(home)) as instance:
        yield instance
