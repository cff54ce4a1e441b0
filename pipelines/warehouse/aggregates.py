"""Keep the small day aggregates (entity_day_counts, topic_day_counts, entity_tone_day) equal to a full GROUP BY.

Every step that writes mentions, sentence tone or IPTC assignments of some articles, or moves or deletes articles,
recomputes the aggregate rows of the publication days those articles had before and have after, in
its own transaction. For the day counts an article's days are its airings: the day of each of its occurrences
(migration 111); for the entity tone it is its one `articles.published_on` (undated articles are not counted), as
entity_tone_daily has always counted it. A day's rows are recomputed from the base tables (not patched with deltas),
so a re-run, or a run after a crash, always leaves the same rows as a recomputation from scratch.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from pipelines.warehouse.frames import run_file
from pipelines.warehouse.sql_files import sql

ENTITY_DAYS = "load/refresh_entity_day_counts"
TOPIC_DAYS = "load/refresh_topic_day_counts"
TONE_DAYS = "load/refresh_entity_tone_day"  # keyed by articles.published_on: days from published_days_of
AIRINGS = "load/airings_of_days"  # the days' airings, which the two day-count refreshes join
READ_AIRINGS = (ENTITY_DAYS, TOPIC_DAYS)
DAYS_PER_STATEMENT = 366


def days_of(conn: duckdb.DuckDBPyConnection, article_ids: list[str]) -> dict[str, frozenset[dt.date | None]]:
    """Every publication day of each given article still in the warehouse: one per airing (None: undated)."""
    if not article_ids:
        return {}
    days: dict[str, set[dt.date | None]] = {}
    for article_id, day in conn.execute(sql("load/days_of_articles"), {"article_ids": article_ids}).fetchall():
        days.setdefault(article_id, set()).add(day)
    return {article_id: frozenset(found) for article_id, found in days.items()}


def published_days_of(conn: duckdb.DuckDBPyConnection, article_ids: list[str]) -> dict[str, frozenset[dt.date]]:
    """The publication day (articles.published_on) of each given article still in the warehouse, as a set of at
    most one day (empty: undated, which entity_tone_day does not count), to compare with moved_or_removed_days."""
    if not article_ids:
        return {}
    rows = conn.execute(sql("load/published_days_of_articles"), {"article_ids": article_ids}).fetchall()
    return {article_id: frozenset({day} - {None}) for article_id, day in rows}


def refresh_tone_days(conn: duckdb.DuckDBPyConnection, article_ids: list[str]) -> None:
    """Recompute entity_tone_day on the publication days of `article_ids` (their mentions or sentence tone changed)."""
    refresh_days(conn, all_days(published_days_of(conn, article_ids)), (TONE_DAYS,))


def refresh_tone_days_of_new_mentions(conn: duckdb.DuckDBPyConnection, article_ids: list[str]) -> None:
    """As refresh_tone_days, after the entity step rewrote the articles' mentions. A mention counts only inside a
    sentence the tone step scored, so articles without sentence tone (a new dump: the tone step runs after the entity
    step) change no row, and their days are left as they are: the lookup costs less than the recomputation."""
    if not article_ids:
        return
    if conn.execute(sql("load/articles_with_sentence_tone"), {"article_ids": article_ids}).fetchone()[0]:
        refresh_tone_days(conn, article_ids)


def all_days(days: dict[str, frozenset[dt.date | None]]) -> set[dt.date | None]:
    return set().union(*days.values())


def refresh_days(conn: duckdb.DuckDBPyConnection, days: set[dt.date | None], aggregates: tuple[str, ...]) -> None:
    """Recompute the rows of `days` (None = undated articles) of each aggregate (a load/refresh_* file)."""
    if not days:
        return
    dated = sorted(d for d in days if d is not None)
    # A batch of a corpus run touches days all over the corpus: a bounded number of days per statement bounds the
    # groups held at once. Each statement reads every file of the table once, so few statements: 31 days per
    # statement made a 2,000-article batch's refresh 13 s (38 statements), 366 days 1.2 s.
    chunks = [dated[start : start + DAYS_PER_STATEMENT] for start in range(0, len(dated), DAYS_PER_STATEMENT)] or [[]]
    for number, chunk in enumerate(chunks):
        params = {"days": chunk, "undated": None in days and number == 0}
        if any(statement in READ_AIRINGS for statement in aggregates):
            run_file(conn, AIRINGS, params)  # once for both day counts
        for statement in aggregates:
            run_file(conn, statement, params)


def moved_or_removed_days(
    before: dict[str, frozenset[dt.date | None]],
    after: dict[str, frozenset[dt.date | None]],
) -> set[dt.date | None]:
    """Days whose counts change when articles go from `before` to `after` (id -> days): every day of an article
    deleted, and the days an article gained (a re-airing loaded) or lost (a dump removed or re-dated). Articles
    new in `after` have no mentions or topics yet."""
    days: set[dt.date | None] = set()
    for article_id, old in before.items():
        days |= old if article_id not in after else old ^ after[article_id]
    return days
