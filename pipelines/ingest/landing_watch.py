"""What the landing sensor hands over on each tick: complete files that are new or rewritten. Pure, no Dagster.

The state between ticks (the sensor's cursor) is small and costs what is recent, not what was ever seen:

- `watermark_ns`: every entry whose inode change time (ctime) is at or below it was handed over already.
- `handed`: files handed over with a ctime above the watermark, and that ctime (so they are not handed twice).
- `waiting`: files seen but not complete yet (modified within `settle_s`), with their size:mtime signature.

A file is complete once it has not been modified for `settle_s` seconds: every write moves its mtime, so a file
still being written never looks settled, and one look is enough (a second look, a sensor interval later, only
delayed every file without catching a writer the settle rule misses; a file rewritten later has a new ctime and is
handed over again). The watermark stays below every waiting file and one second behind the tick (file
systems stamp ctimes from a coarse clock, so a file created during a tick can get a ctime the tick has
already passed); `handed` covers that second.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.ingest.landing import LandingFile, changed_since

LAG_NS = 1_000_000_000


@dataclass
class WatchState:
    watermark_ns: int = -1
    handed: dict[str, int] = field(default_factory=dict)
    waiting: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"watermark_ns": self.watermark_ns, "handed": self.handed, "waiting": self.waiting}

    @classmethod
    def from_json(cls, data: dict | None) -> WatchState:
        if not data or "watermark_ns" not in data:  # no cursor, or one from before arrival-day partitions
            return cls()
        return cls(int(data["watermark_ns"]), dict(data.get("handed", {})), dict(data.get("waiting", {})))


@dataclass(frozen=True)
class Tick:
    complete: list[LandingFile]  # hand these over now (new or rewritten, settled)
    waiting: int  # files seen but not complete yet
    state: WatchState


def tick(folder: Path, state: WatchState, *, settle_s: float, now_ns: int | None = None) -> Tick:
    now_ns = now_ns if now_ns is not None else time.time_ns()
    cutoff = now_ns - int(settle_s * 1e9)
    changed = changed_since(folder, state.watermark_ns, state.handed)
    complete, waiting = [], {}
    for landing_file in changed:
        if _mtime_ns(landing_file.signature) <= cutoff:
            complete.append(landing_file)
        else:
            waiting[landing_file.key] = landing_file
    handed = {**state.handed, **{f.key: f.ctime_ns for f in complete}}
    watermark = max([state.watermark_ns, *handed.values()])
    watermark = min([watermark, now_ns - LAG_NS, *(f.ctime_ns - 1 for f in waiting.values())])
    watermark = max(watermark, state.watermark_ns)  # never moves back: what was handed stays handed
    new_state = WatchState(
        watermark_ns=watermark,
        handed={key: ctime for key, ctime in handed.items() if ctime > watermark},
        waiting={key: f.signature for key, f in waiting.items()},
    )
    return Tick(complete, len(waiting), new_state)


def _mtime_ns(signature: str) -> int:
    try:
        return int(signature.rsplit(":", 1)[1])
    except (IndexError, ValueError):  # skipped entries carry other signatures: nothing to wait for
        return 0
