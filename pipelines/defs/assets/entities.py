"""The `entity_mentions` asset: people, places, organisations, money and dates per dump partition."""

import time
from collections.abc import Iterator

import dagster as dg

from pipelines.defs.checks import check_result
from pipelines.defs.partitions import dump_partitions
from pipelines.defs.resources import WarehouseResource
from pipelines.extract.entities import ENTITY_VERSION, extract_entities
from pipelines.warehouse.load_extractions import articles_of_files, load_entities

BATCH_ARTICLES = 2_000  # bounds memory of one extraction + load round on a big backfill


@dg.asset(
    deps=["articles"],
    partitions_def=dump_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    group_name="extract",
    kinds={"duckdb", "polars"},
    code_version=ENTITY_VERSION,
    check_specs=[
        dg.AssetCheckSpec("offsets_slice_to_surface", asset="entity_mentions", blocking=True,
                          description="text[start:end] == surface for every mention, amount and date."),
        dg.AssetCheckSpec("mentions_have_entities", asset="entity_mentions", blocking=True,
                          description="Every mention points at an entities row."),
    ],
    description="Entity mentions (PER/LOC/ORG, geocoded places), amounts and dates of the dump's articles.",
)
def entity_mentions(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> Iterator:
    started = time.perf_counter()
    with warehouse.connect() as conn:
        articles = articles_of_files(conn, list(context.partition_keys))
        chars = mentions = 0
        for start in range(0, len(articles), BATCH_ARTICLES):
            batch = articles[start : start + BATCH_ARTICLES]
            frames = extract_entities(batch)
            load_entities(conn, [a["article_id"] for a in batch], frames)
            chars += frames.chars
            mentions += frames.mentions.height
        ids = {"article_ids": [a["article_id"] for a in articles]}
        checks = [
            check_result(conn, "entity_mentions", "offsets_slice_to_surface", "checks/mention_offsets", ids),
            check_result(conn, "entity_mentions", "mentions_have_entities", "checks/mentions_without_entity", ids),
        ]
    seconds = time.perf_counter() - started
    yield dg.MaterializeResult(
        metadata={
            "articles": len(articles),
            "mentions": mentions,
            "chars": chars,
            "seconds": round(seconds, 3),
            "chars_per_s": round(chars / seconds) if seconds else 0,
            "extractor_version": ENTITY_VERSION,
        }
    )
    yield from checks
