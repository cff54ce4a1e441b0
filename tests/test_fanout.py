"""Extraction computed ahead in worker processes (pipelines/fanout.py): same results, same order, bounded."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipelines.fanout import computed_ahead, worker_pool

ROOT = Path(__file__).resolve().parents[1]


def slow_square(value: int, delay: float) -> tuple[int, int]:
    """Module-level, so a worker process can unpickle it; returns the worker's pid beside the square."""
    time.sleep(delay)
    return value * value, os.getpid()


@pytest.mark.parametrize(
    ("processes", "jobs", "in_workers"),
    [
        (1, 4, False),  # one process wanted: everything in the caller's
        (0, 4, False),  # nonsense below one reads as one
        (2, 1, False),  # a single job: a worker would only add its start-up
        (2, 0, False),  # nothing to do
        (2, 2, True),  # two jobs, two processes: both in workers
        (4, 3, True),  # more processes than jobs
    ],
)
def test_workers_only_where_they_can_overlap_work(processes: int, jobs: int, in_workers: bool) -> None:
    with worker_pool(processes) as pool:
        out = list(computed_ahead(slow_square, [(i, (i, 0.0)) for i in range(jobs)], pool, ahead=max(processes, 1)))
    assert [item for item, _ in out] == list(range(jobs))
    assert all((pid != os.getpid()) is in_workers for _, (_, pid) in out)


@pytest.mark.parametrize("processes", [1, 2])
def test_results_come_in_job_order_whatever_the_processes(processes: int) -> None:
    # The first jobs are the slowest: with workers, later ones finish first and must still wait their turn.
    delays = [0.3, 0.2, 0.0, 0.0, 0.1, 0.0]
    jobs = [(index, (index, delay)) for index, delay in enumerate(delays)]
    with worker_pool(processes) as pool:
        out = list(computed_ahead(slow_square, jobs, pool, ahead=processes))
    assert [(item, square) for item, (square, _) in out] == [(i, i * i) for i in range(len(delays))]
    workers = {pid for _, (_, pid) in out}
    if processes == 1:
        assert workers == {os.getpid()}
    else:
        assert os.getpid() not in workers  # the work left the caller's process


def test_jobs_are_read_no_further_than_ahead_of_the_caller() -> None:
    # The caller loads each result before asking for the next; job arguments are prepared lazily, at most
    # `ahead` jobs past the result being handled, so memory holds ahead + 1 results whatever the job count.
    read: list[int] = []

    def jobs():
        for index in range(8):
            read.append(index)
            yield index, (index, 0.0)

    with worker_pool(2) as pool:
        for item, _ in computed_ahead(slow_square, jobs(), pool, ahead=2):
            assert len(read) <= item + 3
    assert read == list(range(8))


def test_a_failing_job_fails_the_caller_at_its_turn() -> None:
    jobs = [(0, (0, 0.0)), (1, ("not a number", 0.0))]
    with worker_pool(2) as pool:
        results = computed_ahead(slow_square, jobs, pool, ahead=2)
        assert next(results)[0] == 0
        with pytest.raises(TypeError):
            next(results)


def doubled_here_only(value: int, parent: int) -> int:
    """Kills the worker process it runs in; doubles in `parent`."""
    if os.getpid() != parent:
        os._exit(1)
    return value * 2


def test_dead_workers_are_given_up_and_the_work_done_here() -> None:
    # As when a worker is killed, or a script without a __main__ guard re-runs itself in each spawned worker.
    told: list[str] = []
    jobs = [(i, (i, os.getpid())) for i in range(5)]
    with worker_pool(2) as pool:
        out = list(computed_ahead(doubled_here_only, jobs, pool, 2, on_broken=told.append))
    assert out == [(i, 2 * i) for i in range(5)]
    assert len(told) == 1 and "extracted in this process" in told[0]
    with worker_pool(2) as pool:  # the next step gets new workers
        assert all(
            pid != os.getpid() for _, (_, pid) in computed_ahead(slow_square, [(0, (0, 0)), (1, (1, 0))], pool, 2)
        )


def test_a_steps_workers_stop_with_it() -> None:
    jobs = [(i, (i, 0.05)) for i in range(6)]
    with worker_pool(2) as pool:
        workers = {pid for _, (_, pid) in computed_ahead(slow_square, jobs, pool, 2)}
    assert workers and os.getpid() not in workers
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)  # waited for, not left behind


PARENT_THEN_KILLED = """
import os, signal, sys
from pipelines.fanout import computed_ahead, worker_pool
from tests.test_fanout import slow_square

if __name__ == "__main__":
    with worker_pool(2) as pool:
        for _, (_, pid) in computed_ahead(slow_square, [(0, (0, 0.3)), (1, (1, 0.3))], pool, 2):
            print(pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # dies with its workers idle, as an aborted step process would
"""


def test_workers_of_a_killed_process_exit_by_themselves(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(PARENT_THEN_KILLED, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    workers = {int(line) for line in done.stdout.split()}
    assert done.returncode == -signal.SIGKILL and workers
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.2)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
