"""Judging story threads on a warehouse loaded with the bench corpus. No Dagster.

- Recall: `models/threads/dev/events.tsv` holds 20 multi-day events picked from bench titles before any thread
  was looked at (a keyword and the days it ran); an event's stories are the stories whose representative title
  holds the keyword and that first appeared in those days. Its recall is the share of those stories in its
  largest thread.
- Precision: `show` prints a fixed-seed sample of threads with at least two stories (their stories' days and
  titles) to judge; `models/threads/dev/judged_threads.tsv` holds the judgements by reference (thread and story
  ids, first 8 hex of sha1 of the title, 1 = the story belongs to the thread's event, 0 = it does not). Precision
  is the share of judged stories that belong.

`python -m training.threads.devset show|recall|precision --warehouse FILE` (FILE: the lake's catalog, *.sqlite)
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import duckdb

from pipelines.package_files import models_dir
from pipelines.warehouse.connection import warehouse

EVENTS_TSV = models_dir() / "threads" / "dev" / "events.tsv"
JUDGED_TSV = models_dir() / "threads" / "dev" / "judged_threads.tsv"  # threads-1.1.0's sample
# threads-1.2.0's sample (same seed, its own threads), judged the same way.
JUDGED_TSV_1_2 = models_dir() / "threads" / "dev" / "judged_threads_1.2.tsv"
JUDGED = {"1.1": JUDGED_TSV, "1.2": JUDGED_TSV_1_2}
SEED = "threadsdev-20261206"

EVENT_STORIES = """
SELECT s.cluster_id, coalesce(t.thread_id, s.cluster_id) AS thread_id
FROM story_summaries s LEFT JOIN story_threads t USING (cluster_id)
WHERE s.title LIKE '%' || $keyword || '%' AND s.first_seen BETWEEN $first_day AND $last_day
"""
SAMPLE = """
SELECT t.thread_id, s.cluster_id, s.first_seen, s.title
FROM story_threads t JOIN story_summaries s USING (cluster_id)
WHERE t.thread_id IN (
    SELECT thread_id FROM story_threads GROUP BY thread_id HAVING count(*) >= 2
    ORDER BY md5($seed || thread_id) LIMIT $n
)
ORDER BY md5($seed || t.thread_id), s.first_seen, s.cluster_id
"""


def title_sha1_8(title: str) -> str:
    return hashlib.sha1(title.encode("utf-8")).hexdigest()[:8]


def recall(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, int, int]]:
    """(event, stories, stories in its largest thread) per event."""
    out = []
    for line in EVENTS_TSV.read_text(encoding="utf-8").splitlines()[1:]:
        event, keyword, first_day, last_day = line.split("\t")
        rows = conn.execute(
            EVENT_STORIES, {"keyword": keyword, "first_day": first_day, "last_day": last_day}
        ).fetchall()
        sizes: dict[str, int] = {}
        for _, thread_id in rows:
            sizes[thread_id] = sizes.get(thread_id, 0) + 1
        out.append((event, len(rows), max(sizes.values(), default=0)))
    return out


def precision(conn: duckdb.DuckDBPyConnection, judged: Path = JUDGED_TSV) -> tuple[int, int, int]:
    """(threads judged, stories judged, stories that belong); every judged row must still resolve, and each judged
    story must still be in the judged thread (the judgement is of that thread as the code built it)."""
    threads, stories, belong = set(), 0, 0
    for line in judged.read_text(encoding="utf-8").splitlines()[1:]:
        thread_id, cluster_id, sha, member = line.split("\t")[:4]
        title = conn.execute("SELECT title FROM story_summaries WHERE cluster_id = $c", {"c": cluster_id}).fetchone()
        if title is None or title_sha1_8(title[0] or "") != sha:
            raise ValueError(f"judged story {cluster_id} is not in this warehouse with that title")
        now = conn.execute("SELECT thread_id FROM story_threads WHERE cluster_id = $c", {"c": cluster_id}).fetchone()
        if now is None or now[0] != thread_id:
            raise ValueError(f"judged story {cluster_id} is no longer in thread {thread_id}: judge this code's sample")
        threads.add(thread_id)
        stories += 1
        belong += member == "1"
    return len(threads), stories, belong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.threads.devset")
    parser.add_argument("command", choices=["show", "recall", "precision"])
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("-n", type=int, default=30)
    parser.add_argument(
        "--judged",
        choices=sorted(JUDGED),
        default="1.2",
        help="precision: the judged sample of threads-1.1.0 or of threads-1.2.0",
    )
    args = parser.parse_args(argv)
    with warehouse(args.warehouse, read_only=True, snapshot="latest") as conn:
        return _run(args, conn)


def _run(args: argparse.Namespace, conn: duckdb.DuckDBPyConnection) -> int:
    if args.command == "show":
        for thread_id, cluster_id, day, title in conn.execute(SAMPLE, {"seed": SEED, "n": args.n}).fetchall():
            print(f"{thread_id}\t{cluster_id}\t{title_sha1_8(title or '')}\t{day}\t{title}")
    elif args.command == "recall":
        results = recall(conn)
        for event, stories, largest in results:
            print(f"{event:<28} stories {stories:>3}  in its largest thread {largest:>3}")
        total, kept = sum(r[1] for r in results), sum(r[2] for r in results)
        mean = sum(r[2] / r[1] for r in results if r[1]) / sum(1 for r in results if r[1])
        print(
            f"recall: {kept}/{total} = {kept / total:.3f} of event stories in their event's largest thread; "
            f"mean per event {mean:.3f}"
        )
    else:
        threads, stories, belong = precision(conn, JUDGED[args.judged])
        print(
            f"precision: {belong}/{stories} = {belong / stories:.3f} of the stories of {threads} sampled threads "
            "belong to their thread's event"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
