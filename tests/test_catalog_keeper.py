"""The catalog keeper (pipelines/warehouse/catalog_keeper.py): one process per embedded catalog holds it open while
the lake is in use, so no connection meets SQLite's last-close lock (DuckDB's SQLite sleeps a whole second on it)."""

from __future__ import annotations

import time
from pathlib import Path

from pipelines.warehouse.catalog_keeper import beat_file, keeper_running
from pipelines.warehouse.connection import open_warehouse
from pipelines.warehouse.lake import Lake


def _write_once(lake: Lake) -> None:
    conn = open_warehouse(lake)
    try:
        conn.execute("CREATE OR REPLACE TABLE t AS SELECT 1 AS x").fetchall()
    finally:
        conn.close()


def _until(condition, timeout_s: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_without_a_keeper_the_last_close_checkpoints_the_catalog(tmp_path: Path) -> None:
    # The lock the keeper exists to avoid: the last connection's close checkpoints and removes the WAL.
    lake = Lake.at(tmp_path / "news.sqlite", keeper_idle_s=0)
    _write_once(lake)
    assert not Path(f"{lake.catalog_file}-wal").exists()
    assert not beat_file(lake.catalog_file).exists()
    assert not keeper_running(lake.catalog_file)


def test_with_a_keeper_no_close_is_the_last_and_the_keeper_leaves_once_idle(tmp_path: Path) -> None:
    folder = tmp_path / "a folder #2 ?x"  # characters a SQLite URI would read as its own
    folder.mkdir()
    lake = Lake.at(folder / "news.sqlite", keeper_idle_s=2)
    _write_once(lake)
    assert _until(lambda: keeper_running(lake.catalog_file), 10)
    _write_once(lake)  # this close is not the last one: the keeper's connection stays
    assert Path(f"{lake.catalog_file}-wal").exists()
    reader = open_warehouse(lake, snapshot="latest", read_only=True)
    try:
        assert reader.execute("SELECT x FROM t").fetchall() == [(1,)]
    finally:
        reader.close()
    # two seconds after the last open it exits by itself
    assert _until(lambda: not keeper_running(lake.catalog_file), 15)


def test_one_keeper_per_catalog_and_it_leaves_with_the_catalog(tmp_path: Path) -> None:
    import subprocess

    lake = Lake.at(tmp_path / "news.sqlite", keeper_idle_s=600)
    for _ in range(3):
        _write_once(lake)
    assert _until(lambda: keeper_running(lake.catalog_file), 10)
    time.sleep(1.5)  # any second keeper started by the later opens has tried the lock and left
    keepers = subprocess.run(["pgrep", "-f", f"catalog_keeper {lake.catalog_file} "], capture_output=True, text=True)
    assert len(keepers.stdout.split()) == 1, keepers.stdout
    lake.remove()
    assert _until(lambda: subprocess.run(["pgrep", "-f", f"catalog_keeper {lake.catalog_file} "]).returncode != 0)


def test_a_lake_whose_folder_cannot_be_written_opens_without_a_keeper(tmp_path: Path, monkeypatch) -> None:
    lake = Lake.at(tmp_path / "news.sqlite", keeper_idle_s=0)
    _write_once(lake)

    def read_only_mount(self, *args, **kwargs):
        raise PermissionError(f"read-only file system: {self}")

    monkeypatch.setattr(Path, "touch", read_only_mount)
    reader = open_warehouse(Lake.at(lake.catalog_file, keeper_idle_s=60), snapshot="latest", read_only=True)
    try:
        assert reader.execute("SELECT x FROM t").fetchall() == [(1,)]
    finally:
        reader.close()
    assert not keeper_running(lake.catalog_file)
