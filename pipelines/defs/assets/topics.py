"""The `article_topics` asset: IPTC Media Topics for each article of a dump partition."""

import dagster as dg

from pipelines.defs.assets.per_dump import BatchWork, per_dump_asset_options, run_per_dump
from pipelines.defs.partitions import arrival_day_asset
from pipelines.defs.resources import RunsResource, WarehouseResource
from pipelines.topics import TOPICS_VERSION
from pipelines.topics.assign import classify_articles, iptc_topics_frame
from pipelines.warehouse.load_extractions import load_iptc_topics

BATCH_ARTICLES = 5_000
CHECKS = {
    "scores_in_unit_interval": ("Every topic score is within [0, 1].", "checks/topic_scores_out_of_range"),
    "every_article_has_iptc_topic": (
        "Every article of the partition has at least one IPTC topic.",
        "checks/articles_without_iptc_topic",
    ),
}


def _load(conn, batch: list[dict], assignments) -> int:
    load_iptc_topics(conn, [a["article_id"] for a in batch], iptc_topics_frame(), assignments)
    return assignments.height


@arrival_day_asset(
    **per_dump_asset_options(
        "article_topics",
        TOPICS_VERSION,
        CHECKS,
        "IPTC Media Topics (multi-label, scored) of the dump's articles.",
    )
)
def article_topics(context: dg.AssetExecutionContext, warehouse: WarehouseResource, runs: RunsResource):
    yield from run_per_dump(
        context,
        warehouse,
        runs,
        "article_topics",
        CHECKS,
        BATCH_ARTICLES,
        BatchWork(extract=classify_articles, load=_load),
        {"model_version": TOPICS_VERSION},
        TOPICS_VERSION,
    )
