"""The `article_topics` asset: IPTC Media Topics for each article of a dump partition."""

import time
from collections.abc import Iterator

import dagster as dg

from pipelines.defs.checks import check_result
from pipelines.defs.partitions import dump_partitions
from pipelines.defs.resources import WarehouseResource
from pipelines.topics import TOPICS_VERSION
from pipelines.topics.assign import classify_articles, iptc_topics_frame
from pipelines.warehouse.load_extractions import articles_of_files, load_iptc_topics

BATCH_ARTICLES = 5_000


@dg.asset(
    deps=["articles"],
    partitions_def=dump_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    group_name="extract",
    kinds={"duckdb", "polars"},
    code_version=TOPICS_VERSION,
    check_specs=[
        dg.AssetCheckSpec("scores_in_unit_interval", asset="article_topics", blocking=True,
                          description="Every topic score is within [0, 1]."),
        dg.AssetCheckSpec("every_article_has_iptc_topic", asset="article_topics", blocking=True,
                          description="Every article of the partition has at least one IPTC topic."),
    ],
    description="IPTC Media Topics (multi-label, scored) of the dump's articles.",
)
def article_topics(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> Iterator:
    started = time.perf_counter()
    with warehouse.connect() as conn:
        articles = articles_of_files(conn, list(context.partition_keys))
        assigned = 0
        for start in range(0, len(articles), BATCH_ARTICLES):
            batch = articles[start : start + BATCH_ARTICLES]
            assignments = classify_articles(batch)
            load_iptc_topics(conn, [a["article_id"] for a in batch], iptc_topics_frame(), assignments)
            assigned += assignments.height
        ids = {"article_ids": [a["article_id"] for a in articles]}
        checks = [
            check_result(conn, "article_topics", "scores_in_unit_interval", "checks/topic_scores_out_of_range", ids),
            check_result(conn, "article_topics", "every_article_has_iptc_topic", "checks/articles_without_iptc_topic", ids),
        ]
    seconds = time.perf_counter() - started
    chars = sum(len(a["title"]) + len(a["body"]) + 1 for a in articles)
    yield dg.MaterializeResult(
        metadata={
            "articles": len(articles),
            "assignments": assigned,
            "chars": chars,
            "seconds": round(seconds, 3),
            "chars_per_s": round(chars / seconds) if seconds else 0,
            "model_version": TOPICS_VERSION,
        }
    )
    yield from checks
