"""The `article_stories` asset: near-duplicate and teaser links, and story clusters, per dump partition."""

import time

import dagster as dg

from pipelines.config import settings
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
from pipelines.defs.resources import RunsResource, WarehouseResource
from pipelines.fanout import computed_ahead, worker_pool
from pipelines.stories.match import STORIES_VERSION, TimeBounds, keys_of
from pipelines.warehouse.connection import retrying
from pipelines.warehouse.load_stories import story_article_ids_of_files, story_articles_by_id, update_stories

BATCH_ARTICLES = 5_000  # bounds memory (texts + sketches) of one round on a big backfill
CHECKS = {
    "every_article_has_one_story": (
        "Each article of these dumps has exactly one article_clusters row.",
        "checks/articles_without_cluster",
    ),
    "story_ids_name_a_member": (
        "Every touched cluster_id is the article_id of a member of that cluster.",
        "checks/clusters_without_representative",
    ),
    "teaser_links_teaser_to_full": (
        "teaser_of links go from a teaser to a non-teaser article.",
        "checks/teaser_links_wrong_kind",
    ),
}


@arrival_day_asset(
    **per_dump_asset_options(
        "article_stories",
        STORIES_VERSION,
        CHECKS,
        "Stories, not copies: near-duplicate and teaser -> full links of the dump's articles (LSH index in "
        "story_bands) and the story clusters they touch (article_clusters).",
    )
)
def article_stories(context: dg.AssetExecutionContext, warehouse: WarehouseResource, runs: RunsResource):
    started, cpu_started = time.perf_counter(), time.process_time()
    totals = {"articles": 0, "chars": 0, "candidates": 0, "links": 0, "reclustered": 0}
    keys: list[str] = []
    with (
        failures_recorded(context, warehouse, "article_stories", STORIES_VERSION, keys),
        warehouse.connect(on_wait=context.log.warning) as conn,
    ):
        keys.extend(dumps_owed(context, warehouse, conn, "article_stories", STORIES_VERSION))
        article_ids = story_article_ids_of_files(conn, keys)  # texts are read one batch at a time
        current = settings()
        bounds = TimeBounds(current.story_max_gap_days, current.story_teaser_max_gap_days)
        jobs = (
            (batch, (batch,))
            for batch in (
                story_articles_by_id(conn, article_ids[start : start + BATCH_ARTICLES])
                for start in range(0, len(article_ids), BATCH_ARTICLES)
            )
        )
        done = 0
        with worker_pool(runs.extract_processes) as pool:
            # The next batches' MinHash sketches are computed in workers while this one is linked and clustered.
            for batch, batch_keys in computed_ahead(
                keys_of, jobs, pool, runs.extract_processes, on_broken=context.log.warning
            ):
                outcome = retrying(
                    lambda: update_stories(conn, batch, bounds, batch_keys),  # noqa: B023 (called at once)
                    on_retry=context.log.warning,
                )
                for name in totals:
                    totals[name] += getattr(outcome, name)
                done += len(batch)
                step_progress(context, "article_stories", done, len(article_ids), len(batch))
        ids = {"article_ids": article_ids}
        results = [
            check_result(conn, "article_stories", name, query, ids)
            for name, (_, query) in with_keys_check("article_stories", CHECKS).items()
        ]
        record_outcome(warehouse, conn, context, keys, "article_stories", STORIES_VERSION, results)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started  # the in-process executor runs one step at a time
    yield dg.MaterializeResult(
        metadata={
            **totals,
            "dumps": len(keys),
            "stories_version": STORIES_VERSION,
            "seconds": round(seconds, 3),
            "chars_per_s": round(totals["chars"] / seconds) if seconds else 0,
            "cpu_seconds": round(cpu_seconds, 3),
            "chars_per_cpu_s": round(totals["chars"] / cpu_seconds) if cpu_seconds else 0,
        }
    )
    yield from results
