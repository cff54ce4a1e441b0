"""Resources: where the warehouse and the landing folder are. Values come from pipelines.config."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.config import settings
from pipelines.ingest.landing import path_for_key
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.migrate import migrate


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB file. Our own small resource rather than dagster-duckdb's DuckDBResource,
    whose get_connection keeps the file locked after an exception."""

    path: str
    lock_timeout_s: int = 60

    @contextmanager
    def connect(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        with warehouse(Path(self.path), read_only=read_only, lock_timeout_s=self.lock_timeout_s) as conn:
            if not read_only:
                migrate(conn)
            yield conn


class LandingResource(dg.ConfigurableResource):
    """The folder raw dumps arrive in; partition keys are paths relative to it."""

    path: str

    def file_for(self, partition_key: str) -> Path:
        return path_for_key(Path(self.path), partition_key)  # keys are escaped file names


def default_resources() -> dict[str, dg.ConfigurableResource]:
    current = settings()
    return {
        "warehouse": WarehouseResource(path=str(current.warehouse_path), lock_timeout_s=current.lock_timeout_s),
        "landing": LandingResource(path=str(current.landing_dir)),
    }
