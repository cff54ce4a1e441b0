"""Throwaway Dagster instances for the demo, the bench and the tests, configured like `make dev`."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg

from pipelines.defs.event_storage import instance_config


@contextmanager
def temporary_instance(home: Path) -> Iterator[dg.DagsterInstance]:
    home.mkdir(parents=True, exist_ok=True)
    with dg.instance_for_test(temp_dir=str(home), overrides=instance_config(str(home / "storage"))) as instance:
        yield instance
