"""Dagster instances: the persistent one `make dev` and `newswh ingest` share, and throwaway ones for the
demo, the bench and the tests, configured alike (stock storage, one writer run at a time)."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import yaml

from pipelines.config import Settings


def run_queue(writer_runs: int) -> dict:
    """At most `writer_runs` runs writing the lake at once (jobs carry the writer tag, pipelines/defs/jobs.py), and
    each backfill one day-run at a time below that, so newly landed files always find a free slot."""
    return {
        "tag_concurrency_limits": [
            {"key": "newswh/warehouse", "limit": writer_runs},
            {"key": "dagster/backfill", "limit": max(1, writer_runs - 1), "value": {"applyLimitPerUniqueValue": True}},
        ],
        # A queued run starts within a second, not Dagster's default 5 (a dropped dump reaches analysts sooner).
        "dequeue_interval_seconds": 1,
    }


def instance_config(config: Settings) -> dict:
    """dagster.yaml for `make dev` and `newswh ingest`: SQLite files in DAGSTER_HOME, or, with
    DAGSTER_POSTGRES_URL (cluster mode), run, event and schedule storage in PostgreSQL (the URL is read from the
    environment by Dagster, never written into the file)."""
    instance = {
        "telemetry": {"enabled": False},
        # nux off: no onboarding/newsletter modal over the asset graph in the UI.
        "nux": {"enabled": False},
        "run_queue": run_queue(config.writer_runs),
        # The landing sensor ticks every 5 s: its skipped ticks (nothing new) are kept a day, not Dagster's 7.
        "retention": {"sensor": {"purge_after_days": {"skipped": 1, "failure": 30, "success": -1}}},
    }
    if config.dagster_postgres_url:
        instance["storage"] = {"postgres": {"postgres_url": {"env": "DAGSTER_POSTGRES_URL"}}}
    return instance


def write_dagster_yaml(home: Path, config: Settings) -> Path:
    """Create DAGSTER_HOME/dagster.yaml unless the operator already has one."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "dagster.yaml"
    if not path.exists():
        path.write_text(yaml.safe_dump(instance_config(config), sort_keys=False), encoding="utf-8")
    return path


@contextmanager
def temporary_instance(home: Path) -> Iterator[dg.DagsterInstance]:
    home.mkdir(parents=True, exist_ok=True)
    with dg.instance_for_test(temp_dir=str(home)) as instance:
        yield instance


if __name__ == "__main__":  # `make dev`: python -m pipelines.orchestration.instance DAGSTER_HOME
    import sys

    from pipelines.config import from_environment

    print(write_dagster_yaml(Path(sys.argv[1]).resolve(), from_environment()))
