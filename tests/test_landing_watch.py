"""The landing sensor's pure tick: what it hands over, and that its state stays small."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from pipelines.ingest.landing_watch import LAG_NS, WatchState, tick


def settled_ticks(folder: Path, state: WatchState) -> tuple[list[str], WatchState]:
    """Two looks, as the daemon's ticks are, with the clock past the lag and the settle time (a settled file is
    handed over at the first; the second shows it is not handed twice)."""
    now = time.time_ns() + 2 * LAG_NS
    first = tick(folder, state, settle_s=0, now_ns=now)
    second = tick(folder, first.state, settle_s=0, now_ns=now)
    return [f.key for f in first.complete + second.complete], second.state


def test_a_late_file_with_an_old_mtime_is_still_handed_over(tmp_path: Path) -> None:
    landing, archive = tmp_path / "landing", tmp_path / "archive"
    landing.mkdir(), archive.mkdir()
    (landing / "today.txt").write_text("标题\n正文\n", encoding="utf-8")
    handed, state = settled_ticks(landing, WatchState())
    assert handed == ["today.txt"]
    old = archive / "2019-03-01.txt"
    old.write_text("旧闻\n正文\n", encoding="utf-8")
    os.utime(old, ns=(1_551_398_400 * 10**9,) * 2)  # written years ago
    shutil.copy2(old, landing / old.name)  # copy2 keeps that mtime, like `cp -p` or `rsync -t`
    handed, state = settled_ticks(landing, state)
    assert handed == ["2019-03-01.txt"]  # its ctime is the copy's time: it is new to the sensor
    assert settled_ticks(landing, state)[0] == []  # and handed over once


def test_a_file_renamed_into_the_folder_is_handed_over(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    landing.mkdir()
    _, state = settled_ticks(landing, WatchState())
    part = landing / "incoming.txt.part"  # ignored while it has a .part name
    part.write_text("标题\n正文\n", encoding="utf-8")
    assert settled_ticks(landing, state)[0] == []
    part.rename(landing / "incoming.txt")
    assert settled_ticks(landing, state)[0] == ["incoming.txt"]


def test_a_file_still_being_written_holds_the_watermark_back_but_not_the_others(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    landing.mkdir()
    growing, done = landing / "growing.txt", landing / "done.txt"
    growing.write_text("标题\n", encoding="utf-8")  # just written: not settled for 60 s
    done.write_text("标题\n正文\n", encoding="utf-8")
    an_hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(done, ns=(an_hour_ago, an_hour_ago))  # settled long ago

    def look(state: WatchState):
        return tick(landing, state, settle_s=60, now_ns=time.time_ns() + 2 * LAG_NS)

    first = look(WatchState())  # one look is enough for a settled file
    assert [f.key for f in first.complete] == ["done.txt"] and list(first.state.waiting) == ["growing.txt"]
    assert first.state.watermark_ns < growing.stat().st_ctime_ns  # so the growing file stays in view
    still = look(first.state)
    assert still.complete == [] and list(still.state.waiting) == ["growing.txt"]  # not while it is being written
    os.utime(growing, ns=(an_hour_ago, an_hour_ago))  # the writer is done (and long ago, for the settle rule)
    done_now = look(still.state)
    assert [f.key for f in done_now.complete] == ["growing.txt"]
    assert not done_now.state.waiting and look(done_now.state).complete == []


def test_the_state_survives_its_json_form(tmp_path: Path) -> None:
    state = WatchState(5, {"a.txt": 7}, {"b.txt": "3:9"})
    assert WatchState.from_json(state.to_json()) == state
    assert WatchState.from_json({"seen": {}, "loaded": {}}) == WatchState()  # a cursor from before arrival days
