"""The `story_threads` asset: stories of the dump linked to the stories around them that continue one event."""

import time

import dagster as dg

from pipelines.defs.assets.per_dump import (
    dumps_owed,
    failures_recorded,
    per_dump_asset_options,
    record_outcome,
    with_keys_check,
)
from pipelines.defs.checks import check_result
from pipelines.defs.partitions import arrival_day_asset
from pipelines.defs.progress import step_progress
from pipelines.defs.resources import WarehouseResource
from pipelines.threads.link import THREADS_VERSION
from pipelines.warehouse.connection import retrying
from pipelines.warehouse.load_extractions import article_ids_of_files
from pipelines.warehouse.load_threads import story_ids_of_files, update_threads
from pipelines.warehouse.settings import single_threaded

BATCH_STORIES = 5_000  # bounds memory (titles and 300-character leads) of one round on a big backfill; each
# round costs a dozen lake statements whatever its size (2,000 -> 5,000 stories: 4.1-4.9 -> 2.7-3.4 CPU-s per 10,000)
CHECKS = {
    "every_story_has_a_thread": (
        "Each story of these dumps with a known day has a story_threads row.",
        "checks/stories_without_thread",
    ),
    "thread_ids_name_their_first_story": (
        "Every touched thread_id is its earliest member story.",
        "checks/threads_without_their_first_story",
    ),
}


@arrival_day_asset(
    **{
        **per_dump_asset_options(
            "story_threads",
            THREADS_VERSION,
            CHECKS,
            "Story threads: the dump's stories linked to stories within a few days that continue the same event "
            "(shared entities and content terms), and the threads those links touch.",
        ),
        "deps": ["article_stories", "entity_mentions"],
    }
)
def story_threads(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    started, cpu_started = time.perf_counter(), time.process_time()
    totals = {"stories": 0, "candidates": 0, "links": 0, "rethreaded": 0}
    keys: list[str] = []
    with (
        failures_recorded(context, warehouse, "story_threads", THREADS_VERSION, keys),
        warehouse.connect(on_wait=context.log.warning) as conn,
    ):
        single_threaded(conn)
        keys.extend(dumps_owed(context, warehouse, conn, "story_threads", THREADS_VERSION))
        stories = story_ids_of_files(conn, keys)
        for start in range(0, len(stories), BATCH_STORIES):
            # A commit that conflicts with another run's (a backfill beside a new file) is tried again: one
            # transaction per round, which replaces its stories' rows.
            outcome = retrying(
                lambda: update_threads(conn, stories[start : start + BATCH_STORIES], clean_stale=start == 0),  # noqa: B023
                on_retry=context.log.warning,
            )
            for name in totals:
                totals[name] += getattr(outcome, name)
            done = min(start + BATCH_STORIES, len(stories))
            step_progress(context, "story_threads", done, len(stories), done - start, "stories")
        ids = {"article_ids": article_ids_of_files(conn, keys)}
        results = [
            check_result(conn, "story_threads", name, query, ids)
            for name, (_, query) in with_keys_check("story_threads", CHECKS).items()
        ]
        record_outcome(warehouse, conn, context, keys, "story_threads", THREADS_VERSION, results)
    yield dg.MaterializeResult(
        metadata={
            **totals,
            "dumps": len(keys),
            "threads_version": THREADS_VERSION,
            "seconds": round(time.perf_counter() - started, 3),
            "cpu_seconds": round(time.process_time() - cpu_started, 3),
        }
    )
    yield from results
