"""Make Dagster's SQLite instance storage commit without an fsync per event.

Dagster writes one event per partition (planned + materialized), each in its own SQLite
commit. In WAL mode with the default synchronous=FULL every commit fsyncs, which made a
1,636-partition backfill spend most of its time in the event log. synchronous=NORMAL is
SQLite's recommended setting for WAL: the database cannot be corrupted; a power cut may lose
the last few events. Set DAGSTER_SQLITE_SYNCHRONOUS=FULL to keep the stricter default.
"""

import os
import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine

_MODES = {"OFF", "NORMAL", "FULL", "EXTRA"}
_installed = False


def install() -> None:
    global _installed
    mode = os.environ.get("DAGSTER_SQLITE_SYNCHRONOUS", "NORMAL").upper()
    if _installed or mode not in _MODES or mode == "FULL":
        return

    @event.listens_for(Engine, "connect")
    def _set_synchronous(dbapi_connection, _record) -> None:
        if isinstance(dbapi_connection, sqlite3.Connection):
            dbapi_connection.execute(f"PRAGMA synchronous={mode}")  # mode is from a fixed set

    _installed = True
