"""A Dask scheduler and worker processes on 127.0.0.1 for the tests and `make cluster-demo`.

Every server listens on 127.0.0.1 only (Dask's servers bind all interfaces unless told) with its dashboard on a
random local port. Each process is started in a session of its own and stopped by process group when the block
ends, also on an error or Ctrl-C. Workers run under a nanny, which restarts a worker process that dies, as in a
real cluster; Dask then runs the lost task again on a live worker.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class LocalDask:
    address: str
    folder: Path
    processes: list[subprocess.Popen] = field(default_factory=list)

    def memory_mb(self) -> dict[str, float]:
        """Resident memory of each process started (scheduler, nannies and the workers under them), now."""
        result = {}
        for number, process in enumerate(self.processes):
            name = "scheduler" if number == 0 else f"worker-{number - 1}"
            result[name] = sum(_rss_mb(pid) for pid in _group_pids(process.pid))
        return result

    def worker_pids(self) -> dict[str, int]:
        """Worker name -> the PID of the process that runs its tasks now."""
        from distributed import Client

        with Client(self.address, timeout=30) as client:
            names = {address: info["name"] for address, info in client.scheduler_info()["workers"].items()}
            return {names[address]: pid for address, pid in client.run(os.getpid).items()}


def _group_pids(group: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == group:
                    pids.append(int(entry.name))
            except (ProcessLookupError, PermissionError):
                continue
    return pids


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _dask_command() -> str:
    return str(Path(sys.executable).parent / "dask")


@contextmanager
def local_dask(
    folder: Path, workers: int = 2, env: dict[str, str] | None = None, port: int = 0, timeout_s: float = 60.0
) -> Iterator[LocalDask]:
    """Yields the cluster once `workers` single-threaded worker processes have joined its scheduler (on `port`,
    0: any free one)."""
    folder.mkdir(parents=True, exist_ok=True)
    scheduler_file = folder / "scheduler.json"
    scheduler_file.unlink(missing_ok=True)
    environment = env  # None: this process's
    cluster = LocalDask("", folder)
    try:
        cluster.processes.append(
            _start(
                [
                    _dask_command(),
                    "scheduler",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--dashboard-address",
                    "127.0.0.1:0",
                    "--no-show",
                    "--scheduler-file",
                    str(scheduler_file),
                ],
                folder / "scheduler.log",
                environment,
            )
        )
        deadline = time.monotonic() + timeout_s
        while not scheduler_file.exists() or not scheduler_file.read_text(encoding="utf-8").strip():
            _still_running(cluster, deadline, "the Dask scheduler did not start")
            time.sleep(0.1)
        cluster.address = json.loads(scheduler_file.read_text(encoding="utf-8"))["address"]
        for number in range(workers):
            cluster.processes.append(
                _start(
                    [
                        _dask_command(),
                        "worker",
                        "--scheduler-file",
                        str(scheduler_file),
                        "--name",
                        f"worker-{number}",
                        "--nthreads",
                        "1",
                        "--nworkers",
                        "1",
                        "--host",
                        "127.0.0.1",
                        "--dashboard-address",
                        "127.0.0.1:0",
                        "--memory-limit",
                        "0",
                    ],
                    folder / f"worker-{number}.log",
                    environment,
                )
            )
        from distributed import Client

        with Client(cluster.address, timeout=timeout_s) as client:
            client.wait_for_workers(workers, timeout=max(1.0, deadline - time.monotonic()))
        yield cluster
    finally:
        stop(cluster.processes)


def _start(command: list[str], log: Path, env: dict[str, str] | None) -> subprocess.Popen:
    with open(log, "ab") as out:
        return subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True, stdin=subprocess.DEVNULL
        )


def _still_running(cluster: LocalDask, deadline: float, message: str) -> None:
    failed = [p for p in cluster.processes if p.poll() is not None]
    if failed or time.monotonic() > deadline:
        raise RuntimeError(f"{message}; see the logs in {cluster.folder}")


def stop(processes: list[subprocess.Popen], grace_s: float = 10.0) -> None:
    """SIGTERM each process group (workers first), then SIGKILL whatever is left after `grace_s`."""
    for process in reversed(processes):
        _signal_group(process, signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    for process in reversed(processes):
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        _signal_group(process, signal.SIGKILL)
        process.wait()


def _signal_group(process: subprocess.Popen, signal_number: int) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal_number)
