"""Build the one-file HTML report from the rows of sql/reports/report_*.sql (pure: the caller runs the queries)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pipelines.report import figures
from pipelines.report.page import Section, render_page

# The rows of one report query: name of the file under sql/reports/ and its bind parameters.
ReportRows = Callable[[str, dict], list[tuple]]

TOP_PER_TYPE = 15
TOP_SOURCES = 12
PROBLEM_DUMPS_SHOWN = 200
CHINA_VIEW = ((72.0, 136.0), (16.0, 54.0))
WORLD_VIEW = ((-180.0, 180.0), (-58.0, 80.0))


@dataclass(frozen=True)
class WrittenReport:
    path: Path
    bytes: int
    seconds: float
    articles: int


WIDEST_STORIES_SHOWN = 15
MOST_QUOTED_SHOWN = 15
TONE_COUNTRIES = 5
LARGEST_THREADS_SHOWN = 5


def period_unit(first_day: date | None, last_day: date | None) -> str:
    """day for up to two months of news, week up to two years, month beyond: a readable number of points."""
    if first_day is None or last_day is None:
        return "day"
    span = (last_day - first_day).days
    return "day" if span <= 62 else "week" if span <= 731 else "month"


def build_report(rows: ReportRows, window_days: int, source_label: str) -> tuple[str, int]:
    """The report's HTML and the number of articles it covers."""
    first_day, last_day, articles, dumps, failed, quarantined = rows("report_overview", {})[0]
    unit = period_unit(first_day, last_day)
    window_end = last_day or date.today()
    window_start = window_end - timedelta(days=window_days - 1)
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    meta = (
        f"{source_label} · generated {generated} · {articles:,} articles published {first_day} to {last_day} · "
        f"{dumps:,} dump files ({failed:,} failed) · {quarantined:,} records quarantined"
    )

    topics = rows("report_topic_attention", {"unit": unit})
    attention = Section("Attention to IPTC topics over time")
    attention.figure(figures.topic_attention(topics, unit)).figure(figures.topic_share_heatmap(topics, unit))

    entities = rows(
        "report_top_entities", {"first_day": window_start, "last_day": window_end, "per_type": TOP_PER_TYPE}
    )
    people = Section(f"Top people, places and organisations (last {window_days} days)")
    people.figure(figures.top_entities(entities, window_start, window_end))

    provinces = rows("report_map_provinces", {})
    countries = rows("report_map_countries", {})
    places = Section("Places mentioned")
    places.note(
        "Bubble area is proportional to mentions; positions are the geocoder's coordinates (province "
        "capitals, country capitals). Hover a bubble for its count."
    )
    places.figure(
        figures.bubble_map(
            [(r[0], r[1], r[2], r[3]) for r in provinces],
            "China: mentions per province (with its cities and counties)",
            *CHINA_VIEW,
            34,
        )
    )
    places.figure(
        figures.bubble_map(
            [(r[1], r[2], r[3], r[4]) for r in countries],
            "World: mentions per country (with its cities)",
            *WORLD_VIEW,
            25,
        )
    )

    sources = Section("Sources and kinds of articles")
    sources.figure(figures.sources_and_kinds(rows("report_sources_kinds", {"top": TOP_SOURCES})))
    sources.figure(figures.kinds_over_time(rows("report_kinds_over_time", {"unit": unit}), unit))

    stories = Section("Stories carried most widely")
    stories.note("Copies of one story (syndicated copies, re-edits, teasers) counted once; see the stories view.")
    stories.table(
        ("story (representative title)", "sources", "carried by", "copies", "teasers", "first seen", "last seen"),
        rows("report_widest_stories", {"limit": WIDEST_STORIES_SHOWN}),
        "No story has more than one copy yet.",
    )

    window = {"first_day": window_start, "last_day": window_end}
    quoted = Section(f"Most quoted people and organisations (last {window_days} days)")
    quoted.note(
        "Quotations (direct and reported speech) whose speaker was resolved within the article; "
        "see the quotations table for the unresolved ones."
    )
    quoted.table(
        ("speaker", "type", "quotations", "articles", "one of the longest quotations"),
        rows("report_most_quoted", {**window, "limit": MOST_QUOTED_SHOWN}),
        "No resolved quotation in this window.",
    )
    tone = Section("Tone of the coverage of the most mentioned countries")
    tone.note(
        "Polarity of the sentences that mention each country: (positive - negative) / (positive + negative) "
        "of HowNet lexicon words with negation and degree adverbs; -1 all negative, 1 all positive."
    )
    country_tone = rows("report_country_tone", {"unit": unit, "top": TONE_COUNTRIES})
    if country_tone:
        tone.figure(figures.country_tone(country_tone, unit))
    else:
        tone.note("No sentence mentions a country yet.")
    threads = Section(f"Largest story threads (begun in the last {window_days} days)")
    threads.note(
        "Stories that continue one event over days (shared names and content, at most 3 days apart), "
        "with the stories that first appeared each day."
    )
    threads.table(
        ("thread (first title)", "stories", "day", "stories that day", "titles"),
        rows("report_largest_threads", {**window, "limit": LARGEST_THREADS_SHOWN}),
        "No story was continued on another day in this window.",
    )

    problems = Section("What was quarantined or failed, and why")
    reasons = rows("report_quarantine", {})
    if reasons:
        problems.figure(figures.quarantine_reasons(reasons))
    problems.table(
        ("reason", "records", "example (file #record)", "start of the raw text"), reasons, "No record was quarantined."
    )
    problems.table(
        ("file", "status", "problem", "records", "parsed", "quarantined"),
        rows("report_problem_dumps", {"limit": PROBLEM_DUMPS_SHOWN}),
        "Every dump file loaded without error or warning.",
    )
    page = render_page(
        "News warehouse report", meta, [attention, people, places, sources, stories, quoted, tone, threads, problems]
    )
    return page, articles


def write_report(rows: ReportRows, out: Path, window_days: int, source_label: str) -> WrittenReport:
    """Build and write atomically (a reader never sees half a file)."""
    started = time.perf_counter()
    page, articles = build_report(rows, window_days, source_label)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".tmp")
    partial.write_text(page, encoding="utf-8")
    os.replace(partial, out)
    return WrittenReport(out, out.stat().st_size, time.perf_counter() - started, articles)
