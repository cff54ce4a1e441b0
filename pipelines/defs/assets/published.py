"""Publishing: after the per-dump steps (or the corpus refresh) of a run succeed, record the lake's
snapshot as the one analysts read (see pipelines/warehouse/publish.py)."""

import dagster as dg

from pipelines.defs.assets.per_dump import PER_DUMP_STEPS
from pipelines.defs.partitions import arrival_day_asset
from pipelines.defs.resources import WarehouseResource


def _publish(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    report = warehouse.publish(PER_DUMP_STEPS, context.run.run_id, on_wait=context.log.warning)
    if report.published:
        context.log.info(
            f"published snapshot {report.snapshot_id} of {warehouse.lake.describe()} in {report.seconds:.2f}s"
        )
    else:
        context.log.warning(f"not published: {report.reason}; the repair sensor finishes those dumps, then publishes")
    return dg.MaterializeResult(
        metadata={
            "published": report.published,
            "warehouse": warehouse.lake.describe(),
            "snapshot_id": report.snapshot_id if report.snapshot_id is not None else -1,
            "publish_seconds": round(report.seconds, 3),
            "given_up_dumps": report.given_up,
            "reason": report.reason or "ok",
        }
    )


@arrival_day_asset(
    deps=PER_DUMP_STEPS[1:],
    group_name="publish",
    kinds={"duckdb"},
    description="The dumps as analysts see them: the lake snapshot recorded as published once every per-dump "
    "step of the run succeeded (readers attach it read-only).",
)
def published_dumps(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    return _publish(context, warehouse)


@dg.asset(
    deps=["discovered_themes", "article_keywords", "search_index_compaction"],
    group_name="publish",
    kinds={"duckdb"},
    description="The corpus refresh (themes, keywords) as analysts see it: publishes the lake snapshot after the "
    "refresh.",
)
def published_corpus(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    return _publish(context, warehouse)
