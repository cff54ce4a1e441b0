"""Pure work computed ahead in worker processes while the caller loads what is done (every core of one machine).

A step reads a batch of articles, extracts from it (pure, CPU-bound Python: tagging, classifying, segmenting)
and loads the result. `computed_ahead` runs the extraction of the next batches in worker processes while the
caller loads the current one, so on a 2-core machine both cores extract and the loading overlaps them.

Results come back in the order of their batches, and each batch's extraction gets only what the caller prepared
for it, never what a later load wrote: the tables are the same whatever the number of processes.
"""

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import chain, islice
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class WorkerPool:
    """Worker processes, started when the first job is submitted (a step with one batch starts none).

    Spawned, not forked: the caller holds DuckDB's and Dagster's threads. A pool lives for one step
    (`worker_pool`) and is stopped and waited for when the step ends; a worker whose parent dies (killed, or
    aborted) exits by itself within a second.
    """

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._executor: ProcessPoolExecutor | None = None

    def submit(self, work: Callable[..., Result], *args) -> Future:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_exit_with_parent,
                initargs=(os.getpid(),),
            )
        return self._executor.submit(work, *args)

    def stop(self, *, wait: bool = True) -> None:
        """Stop the workers (broken ones: without waiting for them); the next job starts new ones."""
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None


def _exit_with_parent(parent: int) -> None:
    """In each worker: exit once `parent` is gone. A worker blocked on its job queue does not notice a parent that
    was killed, and would wait for work forever."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


@contextmanager
def worker_pool(processes: int) -> Iterator[WorkerPool | None]:
    """A pool of `processes` workers for the block (a step), stopped when it ends; or None where the work stays in
    this process: `processes` 1 or less, or a daemonic process (a Dask worker, which may not have children)."""
    if processes <= 1 or multiprocessing.current_process().daemon:
        yield None
        return
    pool = WorkerPool(processes)
    try:
        yield pool
    finally:
        pool.stop()


def computed_ahead(
    work: Callable[..., Result],
    jobs: Iterable[tuple[Item, tuple]],
    pool: WorkerPool | None,
    ahead: int,
    on_broken: Callable[[str], None] | None = None,
) -> Iterator[tuple[Item, Result]]:
    """(item, work(*args)) for each (item, args) of `jobs`, in the order of `jobs`.

    With a pool and more than one job, up to `ahead` jobs are being computed by its workers while the caller
    handles an earlier result (so at most `ahead` + 1 results are held); `work` must be picklable (a module-level
    function). Otherwise each job runs here when the caller asks for it. `jobs` is read lazily, but a job's
    arguments are read before the results of the `ahead` jobs before it are handed out: they must not depend on
    what the caller writes for those (or the tables would depend on the number of processes).

    A pool whose workers die (killed, or unable to start: a script run without an `if __name__ == "__main__":`
    guard re-runs itself in each spawned worker) is given up: its jobs and the rest run here, and `on_broken` is
    told why. An exception raised by `work` itself is raised to the caller at its job's turn.
    """
    jobs = iter(jobs)
    if pool is not None:
        head = list(islice(jobs, 2))
        jobs = chain(head, jobs)
        if len(head) < 2:
            pool = None  # one job: nothing to overlap it with
    pending: deque[tuple[Item, tuple, Future | None]] = deque()
    for item, args in jobs:
        pending.append((item, args, pool.submit(work, *args) if pool is not None else None))
        if len(pending) > (ahead if pool is not None else 0):
            done_item, done_args, future = pending.popleft()
            result, pool = _result(work, done_args, future, pool, on_broken)
            yield done_item, result
    while pending:
        done_item, done_args, future = pending.popleft()
        result, pool = _result(work, done_args, future, pool, on_broken)
        yield done_item, result


def _result(
    work: Callable[..., Result],
    args: tuple,
    future: Future | None,
    pool: WorkerPool | None,
    on_broken: Callable[[str], None] | None,
) -> tuple[Result, WorkerPool | None]:
    """The job's result, computed here if it never went to a worker or its worker died; the pool, or None once
    it is broken."""
    if future is None or pool is None:
        return work(*args), pool
    try:
        return future.result(), pool
    except BrokenProcessPool as error:
        pool.stop(wait=False)
        if on_broken is not None:
            on_broken(f"extraction workers stopped ({error}); the remaining batches are extracted in this process")
        return work(*args), None
