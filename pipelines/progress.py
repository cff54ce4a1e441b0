"""Progress of long work, told by the code doing it and shown by the command that started it.

Code deep inside a run (the runner's loop over runs, a per-dump step's batches, a training loop) calls `report`;
the command (`newswh demo`, `make train-ner`, ...) chooses how to show it (pipelines/progress_display.py):
a live display on a terminal, plain log lines otherwise. With no listener, `report` does nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Update:
    task: str  # what is being counted: "dump files" for a whole command, else the step's or phase's name
    done: int
    total: int | None  # None while unknown
    unit: str  # "files", "articles", "iterations", ...
    detail: str = ""  # more to say, e.g. "12,345 records"


_listeners: list[Callable[[Update], None]] = []


def report(task: str, done: int, total: int | None, unit: str, detail: str = "") -> None:
    for listener in _listeners:
        listener(Update(task, done, total, unit, detail))


@contextmanager
def listening(listener: Callable[[Update], None]) -> Iterator[None]:
    """Send every update to `listener` until the block ends (in this process: steps that Dagster runs in other
    processes report to no one, and the command shows its runs only)."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)
