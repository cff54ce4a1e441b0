"""Where the warehouse lives: a DuckLake (a catalog database plus Parquet files) attached to DuckDB.

This module is the storage seam: code above it asks for a connection whose default database is the
warehouse and never learns whether the catalog is an embedded SQLite file or a PostgreSQL server.

- Embedded (the default): the catalog is a SQLite file (`WAREHOUSE_PATH`, e.g. warehouse/news.sqlite) in WAL
  mode, so analysts read while the pipeline writes, and the Parquet files lie in a folder beside it
  (`news.files/`) unless `WAREHOUSE_DATA_PATH` says otherwise.
- Cluster: `WAREHOUSE_CATALOG=postgres:dbname=... host=...` and `WAREHOUSE_DATA_PATH` on storage every host sees.

Extensions come only from the installed registry packages (duckdb-extension-ducklake, -sqlite, -postgres),
copied once into an extension folder inside this Python environment; autoinstall is off, so nothing is ever
downloaded.
"""

from __future__ import annotations

import importlib
import importlib.resources
import shutil
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

ALIAS = "news"  # the name of the attached warehouse; `USE news` makes it the default database
METADATA_ALIAS = f"__ducklake_metadata_{ALIAS}"  # what DuckLake names the attached lake's catalog database
EXTENSIONS = ("sqlite", "postgres", "ducklake")
_DUCKDB_MAGIC = b"DUCK"  # bytes 8..12 of a DuckDB database file
_SQLITE_MAGIC = b"SQLite format 3\x00"


class OldWarehouseError(RuntimeError):
    """WAREHOUSE_PATH names a single-file DuckDB warehouse written before the lake."""


class NoWarehouseError(FileNotFoundError):
    """The lake has not been created yet: no run has written it."""


def extension_directory() -> Path:
    """Where the packaged extension binaries are installed for DuckDB: inside this environment, per version."""
    return Path(sys.prefix) / "share" / "newswh" / "duckdb_extensions"


def _packaged_extension(name: str) -> Path:
    module = importlib.import_module(f"duckdb_extension_{name}")
    return (
        Path(str(importlib.resources.files(module)))
        / "extensions"
        / f"v{duckdb.__version__}"
        / f"{name}.duckdb_extension"
    )


def install_extensions(conn: duckdb.DuckDBPyConnection) -> None:
    """Copy each packaged binary into `extension_directory()` unless already there (DuckDB's own INSTALL from a
    local file: it names the file as DuckDB expects, e.g. sqlite_scanner)."""
    folder = extension_directory() / f"v{duckdb.__version__}"
    for name in EXTENSIONS:
        if not any(folder.glob(f"*/{'sqlite_scanner' if name == 'sqlite' else name}.duckdb_extension")):
            source = _packaged_extension(name)
            if not source.exists():
                raise RuntimeError(
                    f"the {name} extension for DuckDB {duckdb.__version__} is not installed: "
                    f"expected {source} (package duckdb-extension-{name}=={duckdb.__version__})"
                )
            conn.execute(f"INSTALL '{source}'").fetchall()  # a local file path; DuckDB cannot bind it


def plain_connection(
    memory_limit: str | None = None, extensions: tuple[str, ...] = EXTENSIONS
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the lake's extensions (or those named) loaded, nothing else attached."""
    # DuckDB checks an extension's signature by hashing the whole binary on every LOAD (0.2 s for each of these
    # 35-40 MB files, per connection). These binaries are the ones the lock file pinned by hash and
    # install_extensions copied from those packages, and only they are loaded (by name, autoinstall off).
    config = {
        "autoinstall_known_extensions": "false",
        "autoload_known_extensions": "false",
        "allow_unsigned_extensions": "true",
        "extension_directory": str(extension_directory()),
    }
    if memory_limit:
        config["memory_limit"] = memory_limit
    conn = duckdb.connect(config=config)
    try:
        install_extensions(conn)
        for name in extensions:
            conn.execute(f"LOAD {name}").fetchall()
    except BaseException:
        conn.close()
        raise
    return conn


@dataclass(frozen=True)
class Lake:
    """A warehouse's location: its DuckLake catalog and the folder (or URL) of its data files."""

    catalog: str  # DuckLake's metadata string: "sqlite:/abs/news.sqlite" or "postgres:dbname=... host=..."
    data_path: str  # ends with "/"
    keeper_idle_s: float = 0.0  # embedded catalog: keep it open this long after the last use (catalog_keeper.py)

    @classmethod
    def at(cls, location: str | Path, data_path: str | Path | None = None, keeper_idle_s: float = 0.0) -> Lake:
        """`location` is a catalog file path (embedded) or a `postgres:` connection string (cluster)."""
        text = str(location)
        if text.startswith("postgres:"):
            if not data_path:
                raise ValueError("a PostgreSQL catalog needs WAREHOUSE_DATA_PATH: a folder every host sees")
            return cls(text, _folder(data_path))
        path = Path(text).expanduser().resolve()
        return cls(f"sqlite:{path}", _folder(data_path or path.with_suffix(".files")), keeper_idle_s)

    @property
    def catalog_file(self) -> Path | None:
        return Path(self.catalog.removeprefix("sqlite:")) if self.catalog.startswith("sqlite:") else None

    @property
    def extensions(self) -> tuple[str, ...]:
        """The extensions attaching this lake needs."""
        return ("sqlite", "ducklake") if self.catalog_file else ("postgres", "ducklake")

    def describe(self) -> str:
        if self.catalog_file:
            return f"{self.catalog_file} (data in {self.data_path})"
        return f"{_without_password(self.catalog)} (data in {self.data_path})"

    def refuse_old_format(self) -> None:
        """A DuckDB file at the catalog's path is the previous single-file warehouse: say so, never open it."""
        path = self.catalog_file
        if path is None or not path.exists() or path.stat().st_size == 0:
            return
        with open(path, "rb") as handle:
            head = handle.read(16)
        if head == _SQLITE_MAGIC:
            return
        if head[8:12] == _DUCKDB_MAGIC:
            raise OldWarehouseError(
                f"{path} is a single-file DuckDB warehouse written by an earlier version of news warehouse; the "
                f"warehouse is now a DuckLake. Rebuild it from its landing folder into a new lake with "
                f"`newswh rebuild --landing DIR --warehouse NEW.sqlite` (the raw dumps are the source of truth), "
                f"then delete {path}."
            )
        raise OldWarehouseError(f"{path} is neither a DuckLake SQLite catalog nor a DuckDB file: refusing to open it")

    def exists(self) -> bool:
        """The catalog holds a lake (an embedded catalog file may exist before DuckLake initialised it).

        Read through DuckDB's own SQLite: a second SQLite library in this process (Python's sqlite3) closing its
        descriptor of the file would drop the POSIX locks DuckDB's connections hold on it (SQLite's documented
        multiple-library hazard), which showed as "disk I/O error" in the next writer."""
        path = self.catalog_file
        if path is None:
            return True  # a server catalog: attaching tells
        if not path.exists() or path.stat().st_size == 0:
            return False
        probe = plain_connection(extensions=("sqlite",))
        try:
            probe.execute(f"ATTACH {literal(str(path))} AS catalog_probe (TYPE sqlite, READ_ONLY)").fetchall()
            return (
                probe.execute(
                    "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'catalog_probe' "
                    "AND table_name = 'ducklake_metadata'"
                ).fetchone()[0]
                > 0
            )
        except duckdb.Error:
            return False
        finally:
            probe.close()

    def attach_statements(self, *, read_only: bool, snapshot: int | None = None) -> list[str]:
        """What a DuckDB session with the extensions loaded runs to attach the lake and make it the default."""
        # A writer names the data folder (creating the lake, or checked against the one the catalog recorded);
        # a reader uses the recorded one.
        options = ["READ_ONLY"] if read_only else [f"DATA_PATH {literal(self.data_path)}"]
        if snapshot is not None:
            options.append(f"SNAPSHOT_VERSION {int(snapshot)}")
        suffix = f" ({', '.join(options)})" if options else ""
        return [f"ATTACH {literal('ducklake:' + self.catalog)} AS {ALIAS}{suffix};", f"USE {ALIAS};"]

    def prepare_catalog(self) -> None:
        """An embedded catalog is a SQLite file in WAL mode (persistent once set): readers never block the writer,
        nor it them. Set when the file is created, before any DuckDB connection of this process can hold it (see
        `exists` on mixing two SQLite libraries in one process)."""
        path = self.catalog_file
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        Path(self.data_path).mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > 0:
            return
        catalog = sqlite3.connect(path)
        try:
            catalog.execute("PRAGMA journal_mode=WAL").fetchall()
        finally:
            catalog.close()

    def remove(self) -> list[Path]:
        """Delete every file an embedded lake consists of (catalog, its WAL and shared memory, its keeper's lock
        file, data folder); a keeper of the removed catalog exits by itself."""
        path = self.catalog_file
        if path is None:
            raise ValueError("a server catalog is not removed by this tool: drop its database on the server")
        removed = []
        for candidate in (
            path,
            Path(f"{path}-wal"),
            Path(f"{path}-shm"),
            Path(f"{path}-journal"),
            Path(f"{path}.keeper"),
        ):
            if candidate.exists():
                candidate.unlink()
                removed.append(candidate)
        data = Path(self.data_path)
        if data.exists():
            shutil.rmtree(data)
            removed.append(data)
        return removed


def _folder(value: str | Path) -> str:
    text = str(value)
    if "://" not in text:
        text = str(Path(text).expanduser().resolve())
    return text if text.endswith("/") else text + "/"


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _without_password(catalog: str) -> str:
    return " ".join("password=***" if part.startswith("password=") else part for part in catalog.split(" "))
