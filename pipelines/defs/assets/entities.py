"""The `entity_mentions` asset: people, places, organisations, money and dates per dump partition."""

import dagster as dg

from pipelines.defs.assets.per_dump import per_dump_asset_options, run_per_dump
from pipelines.defs.partitions import arrival_day_asset
from pipelines.defs.resources import WarehouseResource
from pipelines.extract.entities import ENTITY_VERSION, extract_entities
from pipelines.warehouse.load_extractions import learned_alias_pairs, load_entities

BATCH_ARTICLES = 2_000  # bounds memory of one extraction + load round on a big backfill
CHECKS = {
    "offsets_slice_to_surface": ("text[start:end] == surface for every mention, amount and date.", "checks/mention_offsets"),
    "mentions_have_entities": ("Every mention points at an entities row.", "checks/mentions_without_entity"),
}


def _extract_and_load(conn, batch: list[dict]) -> int:
    frames = extract_entities(batch, learned=learned_alias_pairs(conn))
    load_entities(conn, [a["article_id"] for a in batch], frames)
    return frames.mentions.height


@arrival_day_asset(**per_dump_asset_options(
    "entity_mentions", ENTITY_VERSION, CHECKS,
    "Entity mentions (PER/LOC/ORG, geocoded places), amounts and dates of the dump's articles.",
))
def entity_mentions(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    yield from run_per_dump(context, warehouse, "entity_mentions", CHECKS, BATCH_ARTICLES, _extract_and_load,
                            {"extractor_version": ENTITY_VERSION}, ENTITY_VERSION)
