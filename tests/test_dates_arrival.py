"""No article is dated after the day its file arrived (issue 22). All text is invented."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pipelines.ingest.dump import ingest_dump
from pipelines.ingest.parse import BOUNDED_CONFIDENCE, Article, parse_record
from pipelines.ingest.reference_date import infer_year, latest_not_after
from pipelines.warehouse.connection import warehouse

ARRIVAL = date(2026, 12, 6)


@pytest.mark.parametrize(
    ("month", "day", "reference", "latest", "expected"),
    [
        # nearest to the reference is next May, after the arrival day: the latest May 15 before it
        (5, 15, date(2026, 12, 6), ARRIVAL, date(2026, 5, 15)),
        # nearest year already before the arrival day: unchanged
        (11, 28, date(2026, 12, 6), ARRIVAL, date(2026, 11, 28)),
        # a few days ahead of the arrival day (nearest is this year): last year's instead
        (12, 20, date(2026, 12, 6), ARRIVAL, date(2025, 12, 20)),
        # the arrival day itself is allowed
        (12, 6, date(2026, 12, 6), ARRIVAL, date(2026, 12, 6)),
        # no bound given: the nearest year, even ahead
        (12, 20, date(2026, 12, 6), None, date(2026, 12, 20)),
        # a reference far after the arrival day (a wrong mtime): still never after the arrival day
        (1, 10, date(2030, 1, 1), ARRIVAL, date(2026, 1, 10)),
    ],
)
def test_inferred_year_never_after_the_arrival_day(month, day, reference, latest, expected) -> None:
    assert infer_year(month, day, reference, latest) == expected


@pytest.mark.parametrize(
    ("month", "day", "latest", "expected"),
    [
        (2, 29, date(2026, 12, 6), date(2024, 2, 29)),  # 29 February: the last leap year
        (3, 1, date(2026, 2, 28), date(2025, 3, 1)),  # later this year: last year
        (2, 30, date(2026, 12, 6), None),  # no such day in any year
    ],
)
def test_latest_not_after(month, day, latest, expected) -> None:
    assert latest_not_after(month, day, latest) == expected


@pytest.mark.parametrize(
    ("text", "source", "reference", "expected", "method", "bounded"),
    [
        # a file copied today (mtime = arrival day) with a May dateline: May of this year, guessed
        ("t\n新华社北京5月15日电 正文\n第二段", "mtime", ARRIVAL, date(2026, 5, 15), "dateline", True),
        # a dateline within the past: as before, year not bounded (but mtime: guessed all the same)
        ("t\n新华社北京11月19日电 正文\n第二段", "override", ARRIVAL, date(2026, 11, 19), "dateline", False),
        # a lead date ahead of the arrival day, no known day: last year's
        ("t\n本台消息,12月18日晚,一场暴雪袭击北方。", "override", ARRIVAL, date(2025, 12, 18), "lead", True),
        # a manifest day after the arrival day: the arrival day, method says so
        ("t\n没有日期的快讯。", "manifest", date(2026, 12, 8), ARRIVAL, "arrival", True),
        # an mtime after the arrival day and no date in the text: the arrival day
        ("t\n没有日期的快讯。", "mtime", date(2026, 12, 9), ARRIVAL, "arrival", True),
    ],
)
def test_publication_date_bounded_by_arrival(text, source, reference, expected, method, bounded) -> None:
    article = parse_record(text, reference, 10_000, source, ARRIVAL)
    assert isinstance(article, Article)
    assert (article.published_on, article.published_on_method) == (expected, method)
    # a bounded date says it was guessed, in both columns
    assert article.published_on_year_guessed == (bounded or source == "mtime")
    assert (article.published_on_confidence <= BOUNDED_CONFIDENCE) == (
        bounded or method == "reference" and source == "mtime"
    )


def _write_dump(folder: Path, name: str, mtime_day: date, place: str = "某地") -> Path:
    # Dates relative to the arrival day: one just before it, one just after (month/day only).
    path = folder / name
    path.write_text(
        f"标题一\n新华社北京12月20日电 {place}举行活动。\n第二段。\n-\n"
        f"标题二\n新华社北京12月1日电 {place}召开会议。\n第二段。\n-\n"
        f"标题三\n一条没有日期的{place}快讯。\n",
        encoding="utf-8",
    )
    stamp = datetime(mtime_day.year, mtime_day.month, mtime_day.day, 12, tzinfo=UTC).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def test_a_dump_without_a_known_day_is_never_dated_after_arrival(tmp_path: Path) -> None:
    # A renamed file (no date in its name, no manifest) whose mtime is its arrival day.
    path = _write_dump(tmp_path, "renamed.txt", ARRIVAL)
    dump = ingest_dump(path, path.name, reference_override=None, max_record_chars=10_000, arrival_day=ARRIVAL)
    assert dump.reference_date_source == "mtime"
    got = {r["title"]: (r["published_on"], r["published_on_year_guessed"]) for r in dump.articles.to_dicts()}
    assert got == {
        "标题一": (date(2025, 12, 20), True),  # nearest is 2026-12-20, 14 days after arrival
        "标题二": (date(2026, 12, 1), True),  # before arrival; year from mtime: guessed
        "标题三": (ARRIVAL, True),  # the mtime itself
    }


def test_the_pipeline_dates_nothing_after_the_arrival_day(
    instance, tmp_path: Path, warehouse_path: Path, working_path: Path, monkeypatch
) -> None:
    from pipelines.definitions import build_definitions
    from pipelines.orchestration.runner import run_files

    folder = tmp_path / "landing"
    folder.mkdir()
    monkeypatch.setenv("LANDING_DIR", str(folder))
    monkeypatch.delenv("REFERENCE_DATE", raising=False)
    # One file stamped on its arrival day, one whose mtime lies after it (a clock set wrong).
    _write_dump(folder, "renamed.txt", ARRIVAL)
    _write_dump(folder, "touched.txt", date(2027, 3, 1), place="另一地")
    result = run_files(build_definitions(), instance, ["renamed.txt", "touched.txt"], day=ARRIVAL.isoformat())
    assert result.success
    assert all(e.passed for e in result.get_asset_check_evaluations())
    with warehouse(working_path, read_only=True) as conn:
        latest = conn.execute("SELECT max(published_on) FROM articles").fetchone()[0]
        guessed = conn.execute("SELECT count(*) FROM articles WHERE NOT published_on_year_guessed").fetchone()[0]
    assert latest == ARRIVAL
    assert guessed == 0  # no manifest day: every year is marked guessed
