"""How a command shows progress (pipelines/progress.py): a live display on a terminal, plain log lines otherwise.

On a terminal (rich): one bar for the command's dump files and one for the step now running, each with its count,
elapsed time and estimated time left. Not on a terminal (CI, cron, a pipe): one line when a task starts, when it
ends, and at most every `every_s` seconds between, so a log stays short and still says how far it got.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from pipelines import progress

OVERALL = "dump files"  # the task that spans the whole command; any other task is the current step


def clock_text(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


class PlainProgress:
    """Log lines: `[0:00:12] entity_mentions: 2,000/5,000 articles (40%), about 0:00:18 left`."""

    def __init__(self, stream: TextIO, every_s: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.every_s, self.clock = stream, every_s, clock
        self.started = clock()
        self.task_started: dict[str, float] = {}
        self.last_line: dict[str, float] = {}

    def __call__(self, update: progress.Update) -> None:
        now = self.clock()
        first = update.task not in self.task_started
        if first or update.done == 0:
            self.task_started[update.task] = now
        finished = update.total is not None and update.done >= update.total
        if not (first or finished or now - self.last_line.get(update.task, now) >= self.every_s):
            return
        self.last_line[update.task] = now
        print(f"[{clock_text(now - self.started)}] {self.describe(update, now)}", file=self.stream, flush=True)

    def describe(self, update: progress.Update, now: float) -> str:
        count = f"{update.done:,}" + (f"/{update.total:,}" if update.total is not None else "")
        text = f"{update.task}: {count} {update.unit}"
        if update.total:
            text += f" ({100 * update.done // update.total}%)"
        if update.detail:
            text += f", {update.detail}"
        spent = now - self.task_started[update.task]
        if update.total is not None and 0 < update.done < update.total and spent > 0:
            text += f", about {clock_text(spent * (update.total - update.done) / update.done)} left"
        elif update.total is not None and update.done >= update.total:
            text += f", done in {clock_text(spent)}"
        return text

    def close(self) -> None:
        pass


class TerminalProgress:
    """A rich live display: the dump files, and the step running now (a finished step's bar is hidden)."""

    def __init__(self, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.display = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[unit]}"),
            TextColumn("{task.fields[detail]}"),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            console=Console(file=stream),
        )
        self.tasks: dict[str, int] = {}
        self.display.start()

    def __call__(self, update: progress.Update) -> None:
        task = self.tasks.get(update.task)
        if task is None or update.done == 0:
            if task is not None:
                self.display.remove_task(task)
            task = self.tasks[update.task] = self.display.add_task(
                update.task, total=update.total, unit=update.unit, detail=update.detail
            )
        self.display.update(task, completed=update.done, total=update.total, detail=update.detail)
        if update.task != OVERALL and update.total is not None and update.done >= update.total:
            self.display.update(task, visible=False)

    def close(self) -> None:
        self.display.stop()


@contextmanager
def shown(stream: TextIO | None = None) -> Iterator[None]:
    """Show the progress reported inside the block on `stream` (default stderr, so that what a command prints on
    stdout stays its result): live when it is a terminal, else plain lines."""
    stream = stream or sys.stderr
    display = TerminalProgress(stream) if stream.isatty() else PlainProgress(stream)
    try:
        with progress.listening(display):
            yield
    finally:
        display.close()
