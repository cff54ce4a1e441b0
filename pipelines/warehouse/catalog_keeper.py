"""A process that keeps one connection open on an embedded (SQLite) lake catalog while the lake is in use.

Why: in WAL mode SQLite checkpoints and resets the WAL index when the *last* connection to the catalog closes, and
the next connection to open rebuilds it; each holds a lock for a few milliseconds. DuckDB's SQLite extension is
built without `usleep`, so a connection that meets such a lock sleeps a whole second before it tries again
(measured: 1.00 s for a lock held 20 ms). Writers open and close the catalog all the time (each step, each check),
so analysts reconnecting beside a load waited 1.1 to 1.4 s now and then. While one more connection stays open
there is no last close, so nobody meets that lock.

The keeper is read-only (it never writes the catalog), holds an exclusive `flock` on `<catalog>.keeper` so that
there is one per catalog, and exits once nobody has opened the lake for `idle_s` seconds (every open touches that
file), or once the catalog file is gone or replaced. A PostgreSQL catalog needs none.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

POLL_S = 1.0


def beat_file(catalog: Path) -> Path:
    return catalog.with_name(catalog.name + ".keeper")


def keeper_running(catalog: Path) -> bool:
    """Whether a keeper holds the catalog's lock file (probed without blocking)."""
    try:
        fd = os.open(beat_file(catalog), os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing releases the probe's shared lock too
    return False


def ensure_keeper(catalog: Path, idle_s: float) -> None:
    """Note that the lake is in use and start a keeper if none runs; `idle_s` <= 0 turns keepers off."""
    if idle_s <= 0 or not catalog.exists():
        return
    try:
        beat_file(catalog).touch()
        if keeper_running(catalog):
            return
        _start_keeper(catalog, idle_s)
    except OSError:
        return  # a lake on a read-only mount, say: it works without a keeper, only less smoothly


def _start_keeper(catalog: Path, idle_s: float) -> None:
    subprocess.Popen(
        [sys.executable, "-m", "pipelines.warehouse.catalog_keeper", str(catalog), str(idle_s)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        close_fds=True,  # outlives the opener (a step, a CLI call) by design
    )


def keep(catalog: Path, idle_s: float) -> int:
    """Hold the catalog open until it has been idle `idle_s` seconds, or is gone or replaced."""
    beat = beat_file(catalog)
    fd = os.open(beat, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return 0  # another keeper got there first
    try:
        inode = catalog.stat().st_ino
        catalog_conn = sqlite3.connect(f"file:{quote(str(catalog))}?mode=ro", uri=True)  # ? or # in a path
        catalog_conn.execute("SELECT count(*) FROM sqlite_master").fetchall()  # maps the WAL index
        try:
            while True:
                time.sleep(POLL_S)
                try:
                    replaced = catalog.stat().st_ino != inode
                    idle = time.time() - beat.stat().st_mtime > idle_s
                except FileNotFoundError:
                    break
                if replaced or idle:
                    break
        finally:
            catalog_conn.close()
    except (OSError, sqlite3.Error):
        return 1
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
    return 0


if __name__ == "__main__":
    sys.exit(keep(Path(sys.argv[1]), float(sys.argv[2])))
