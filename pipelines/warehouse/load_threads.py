"""Link the stories of a set of dumps to the stories around them in time, and update the threads they touch.

Cost follows the dumps: only stories within `MAX_GAP_DAYS` of the dumps' stories that share entities with them
are compared, and only the threads those links (or the old links) touch are recomputed. Re-running the same dumps
deletes and rewrites their links, so it changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from pipelines.threads.link import (
    LEAD_CHARS,
    MAX_GAP_DAYS,
    THREADS_VERSION,
    StoryDigest,
    assign_threads,
    candidate_pairs,
    digest,
    same_event,
)
from pipelines.warehouse.connection import transaction
from pipelines.warehouse.frames import run_file, run_with_frame
from pipelines.warehouse.sql_files import sql

MAX_CLOSURE_ROUNDS = 50  # threads are short chains of days; this only bounds a bug
LINK_SCHEMA = {
    "cluster_id": pl.String,
    "other_id": pl.String,
    "entity_overlap": pl.Float64,
    "term_overlap": pl.Float64,
    "threads_version": pl.String,
}
THREAD_SCHEMA = {"cluster_id": pl.String, "thread_id": pl.String, "first_seen": pl.Date, "threads_version": pl.String}


@dataclass(frozen=True)
class ThreadsOutcome:
    stories: int
    candidates: int
    links: int
    rethreaded: int


def story_ids_of_files(conn: duckdb.DuckDBPyConnection, file_keys: list[str]) -> list[str]:
    return [r[0] for r in conn.execute(sql("load/story_ids_of_files"), {"file_keys": file_keys}).fetchall()]


def _digests(conn: duckdb.DuckDBPyConnection, cluster_ids: list[str]) -> dict[str, StoryDigest]:
    if not cluster_ids:
        return {}
    rows = conn.execute(
        sql("load/thread_story_digests"), {"cluster_ids": cluster_ids, "lead_chars": LEAD_CHARS}
    ).fetchall()
    return {
        cluster_id: digest(cluster_id, day, title, body, entity_ids, surfaces, people)
        for cluster_id, day, title, body, entity_ids, surfaces, people in rows
    }


def _ids(conn: duckdb.DuckDBPyConnection, query: str, cluster_ids: list[str] | None = None) -> set[str]:
    params = {"cluster_ids": cluster_ids} if cluster_ids is not None else {}
    return {r[0] for r in conn.execute(sql(query), params).fetchall()}


def update_threads(
    conn: duckdb.DuckDBPyConnection, cluster_ids: list[str], *, clean_stale: bool = True
) -> ThreadsOutcome:
    """Compare the given stories with their neighbours in time, and re-thread what that touches, in one transaction.

    `clean_stale`: first drop the rows of stories that no longer exist and re-thread their mates (two scans of the
    thread tables). A step that updates its stories in several batches needs it only in the first: nothing renames
    a story between its batches.
    """
    with transaction(conn):
        seeds = set(cluster_ids)
        if clean_stale:
            seeds |= _ids(conn, "load/thread_mates_of_stale")
            run_file(conn, "load/thread_stale_rows")
        mine = _digests(conn, sorted(cluster_ids))
        window = (
            conn.execute(
                sql("load/thread_window_stories"),
                {
                    "cluster_ids": sorted(mine),
                    "max_gap_days": MAX_GAP_DAYS,
                },
            ).fetchall()
            if mine
            else []
        )
        others = _digests(conn, sorted({c for (c,) in window} - mine.keys()))
        everyone = {**others, **mine}
        candidates = candidate_pairs(mine.values(), everyone.values())
        found = {link for a, b in candidates if (link := same_event(everyone[a], everyone[b]))}
        seeds |= _ids(conn, "load/thread_neighbours", sorted(seeds))  # old links and thread mates, before they go
        run_file(conn, "load/delete_thread_links_of", {"cluster_ids": sorted(mine)})
        links = pl.DataFrame(
            [
                {
                    "cluster_id": k.cluster_id,
                    "other_id": k.other_id,
                    "entity_overlap": k.entity_overlap,
                    "term_overlap": k.term_overlap,
                    "threads_version": THREADS_VERSION,
                }
                for k in sorted(found, key=lambda k: (k.cluster_id, k.other_id))
            ],
            schema=LINK_SCHEMA,
        )
        run_with_frame(conn, "incoming_thread_links", links, "load/insert_story_thread_links")
        rethreaded = _rethread(conn, seeds)
    return ThreadsOutcome(len(cluster_ids), len(candidates), links.height, rethreaded)


def _rethread(conn: duckdb.DuckDBPyConnection, seeds: set[str]) -> int:
    """Recompute the threads of the seeds and of everything linked to them, transitively."""
    closure, frontier = set(seeds), set(seeds)
    for _ in range(MAX_CLOSURE_ROUNDS):
        if not frontier:
            break
        frontier = _ids(conn, "load/thread_neighbours", sorted(frontier)) - closure
        closure |= frontier
    days = dict(conn.execute(sql("load/story_first_days"), {"cluster_ids": sorted(closure)}).fetchall())
    links = conn.execute(sql("load/thread_links_among"), {"cluster_ids": sorted(days)}).fetchall()
    thread_of = assign_threads(days, links)
    frame = pl.DataFrame(
        [
            {"cluster_id": c, "thread_id": t, "first_seen": days[c], "threads_version": THREADS_VERSION}
            for c, t in sorted(thread_of.items())
        ],
        schema=THREAD_SCHEMA,
    )
    run_with_frame(conn, "incoming_story_threads", frame, "load/replace_story_threads")
    return frame.height
