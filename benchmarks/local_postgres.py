"""A throwaway PostgreSQL server for the tests and `make cluster-demo`: the OS package's binaries, a private data
folder, 127.0.0.1 only, trust authentication, stopped (by PID if need be) when the block ends."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def postgres_bin() -> Path | None:
    """The folder of initdb and pg_ctl: on PATH, or Debian's /usr/lib/postgresql/<version>/bin."""
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_memory_mb(dsn: str) -> float:
    """Memory of the server behind `dsn` (started here) now: the proportional set size of the postmaster and its
    backends, so that shared buffers, mapped by every backend, count once."""
    port = dsn.split("port=", 1)[1].split()[0]
    processes = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                argv = (entry / "cmdline").read_bytes().split(b"\0")
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            processes[int(entry.name)] = (argv, parent)
    postmasters = [
        pid
        for pid, (argv, _) in processes.items()
        if argv[0].endswith(b"postgres")
        and b"-p" in argv
        and argv[argv.index(b"-p") + 1 : argv.index(b"-p") + 2] == [port.encode()]
    ]
    pids = postmasters + [pid for pid, (_, parent) in processes.items() if parent in postmasters]
    return sum(_pss_kb(pid) for pid in pids) / 1024


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the package's `postgres` user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def local_postgres(timeout_s: int = 60) -> Iterator[str]:
    """Yields a libpq connection string (`dbname=postgres host=127.0.0.1 port=N user=newswh`). The server's
    folder is a fresh one under the system temp folder (the `postgres` user must reach it), removed afterwards."""
    binaries = postgres_bin()
    if binaries is None:
        raise RuntimeError(
            "PostgreSQL is not installed: `make test` installs the OS package (apt-get install postgresql)"
        )
    folder = Path(tempfile.mkdtemp(prefix="newswh-postgres-"))
    try:
        with _server(binaries, folder, timeout_s) as dsn:
            yield dsn
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _server(binaries: Path, folder: Path, timeout_s: int) -> Iterator[str]:
    data, sockets = folder / "pgdata", folder / "sockets"
    sockets.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
    subprocess.run(
        _as_server_user(
            [str(binaries / "initdb"), "-D", str(data), "-U", "newswh", "--auth=trust", "-E", "UTF8", "--no-locale"]
        ),
        check=True,
        capture_output=True,
        timeout=timeout_s,
    )
    port = free_port()
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {sockets} -c fsync=off"
    subprocess.run(
        _as_server_user(
            [
                str(binaries / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "server.log"),
                "-w",
                "-t",
                str(timeout_s),
                "start",
            ]
        ),
        check=True,
        capture_output=True,
        timeout=timeout_s + 10,
    )
    try:
        yield f"dbname=postgres host=127.0.0.1 port={port} user=newswh"
    finally:
        subprocess.run(
            _as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "-t", "20", "stop"]),
            capture_output=True,
            timeout=40,
        )
        _kill_leftover(data / "postmaster.pid")


def _kill_leftover(pid_file: Path) -> None:
    try:
        pid = int(pid_file.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        time.sleep(0.1)
