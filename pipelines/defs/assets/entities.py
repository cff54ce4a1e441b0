"""The `entity_mentions` asset: people, places, organisations, money and dates per dump partition."""

import dagster as dg

from pipelines.defs.assets.per_dump import BatchWork, dumps_owed, per_dump_asset_options, run_per_dump
from pipelines.defs.checks import RANKING_CHECK
from pipelines.defs.partitions import arrival_day_asset
from pipelines.defs.resources import RunsResource, WarehouseResource
from pipelines.extract.entities import ENTITY_VERSION, extract_entities
from pipelines.extract.ranking_check import TOP_PER_TYPE, judge_top_names
from pipelines.warehouse.load_extractions import learned_alias_pairs, load_entities
from pipelines.warehouse.rankings import publication_days_of_files, top_names_for_review

BATCH_ARTICLES = 2_000  # bounds memory of one extraction + load round on a big backfill
CHECKS = {
    "offsets_slice_to_surface": (
        "text[start:end] == surface for every mention, amount and date.",
        "checks/mention_offsets",
    ),
    "mentions_have_entities": ("Every mention points at an entities row.", "checks/mentions_without_entity"),
}


class _LearnedOnce:
    """The short forms learned from the articles loaded before the step, read at its first batch and handed to
    every batch: a batch's extraction may run in a worker while earlier batches are still being loaded, and the
    tables must not depend on that."""

    def __init__(self) -> None:
        self.pairs: dict | None = None

    def __call__(self, conn, batch: list[dict]) -> tuple:
        if self.pairs is None:
            self.pairs = learned_alias_pairs(conn)
        return (self.pairs,)


def _load(conn, batch: list[dict], frames) -> int:
    load_entities(conn, [a["article_id"] for a in batch], frames)
    return frames.mentions.height


OPTIONS = per_dump_asset_options(
    "entity_mentions",
    ENTITY_VERSION,
    CHECKS,
    "Entity mentions (PER/LOC/ORG, geocoded places), amounts and dates of the dump's articles.",
)
OPTIONS["check_specs"] = [
    *OPTIONS["check_specs"],
    dg.AssetCheckSpec(
        RANKING_CHECK,
        asset="entity_mentions",
        blocking=False,
        description=f"Warning only: the top {TOP_PER_TYPE} people, places and organisations of the run's publication "
        "days that look wrong (one character, a number, a known name of another type, a fragment of a longer name).",
    ),
]


@arrival_day_asset(**OPTIONS)
def entity_mentions(context: dg.AssetExecutionContext, warehouse: WarehouseResource, runs: RunsResource):
    days = _days_of_this_run(context, warehouse)
    yield from run_per_dump(
        context,
        warehouse,
        runs,
        "entity_mentions",
        CHECKS,
        BATCH_ARTICLES,
        BatchWork(extract=extract_entities, load=_load, prepare=_LearnedOnce()),
        {"extractor_version": ENTITY_VERSION},
        ENTITY_VERSION,
    )
    yield _ranking_check(context, warehouse, days)


def _days_of_this_run(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> list:
    """The publication days of the dumps this run extracts (read before the step, while they are still owed).
    Not those of every dump of the arrival day: a day that brought a whole backfill made the check rank the whole
    warehouse (42 s of a one-dump add at 1 M articles). A read of the latest snapshot: no writer's migration check."""
    with warehouse.connect(read_only=True, snapshot="latest") as conn:
        return publication_days_of_files(conn, dumps_owed(context, warehouse, conn, "entity_mentions", ENTITY_VERSION))


def _ranking_check(context: dg.AssetExecutionContext, warehouse: WarehouseResource, days: list) -> dg.AssetCheckResult:
    with warehouse.connect(on_wait=context.log.warning) as conn:
        top = top_names_for_review(conn, days, TOP_PER_TYPE)
    suspicious = judge_top_names(top)
    return dg.AssetCheckResult(
        check_name=RANKING_CHECK,
        asset_key="entity_mentions",
        passed=not suspicious,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "names_judged": len(top),
            "suspicious": len(suspicious),
            "names": dg.MetadataValue.md(
                "\n".join(f"- {s.type} {s.name} ({s.articles} articles): {s.why}" for s in suspicious) or "none"
            ),
        },
    )
