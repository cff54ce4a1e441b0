"""Publishing: after the per-dump steps (or the corpus refresh) of a run succeed, copy the working
database to the analysts' read-only snapshot (see pipelines/warehouse/publish.py)."""

import time

import dagster as dg

from pipelines.defs.assets.per_dump import PER_DUMP_STEPS
from pipelines.defs.partitions import arrival_day_asset
from pipelines.defs.resources import WarehouseResource


def _publish(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    report = warehouse.publish(PER_DUMP_STEPS, context.run.run_id, on_wait=context.log.warning)
    if report.published:
        context.log.info(f"published {warehouse.published_path} ({report.bytes / 1e6:.1f} MB) in {report.seconds:.2f}s")
    else:
        context.log.warning(f"not published: {report.reason}; the repair sensor finishes those dumps, then publishes")
    return dg.MaterializeResult(metadata={
        "published": report.published,
        "path": dg.MetadataValue.path(warehouse.published_path),
        "bytes": report.bytes,
        "publish_seconds": round(report.seconds, 3),
        "given_up_dumps": report.given_up,
        "reason": report.reason or "ok",
        # The repair sensor publishes a deferred snapshot once this time has passed (epoch seconds).
        "publish_after": time.time() + report.retry_after_s if not report.published else 0.0,
    })


@arrival_day_asset(
    deps=PER_DUMP_STEPS[1:],
    group_name="publish",
    kinds={"duckdb"},
    description="The dumps as analysts see them: the read-only snapshot at WAREHOUSE_PATH, published atomically "
                "once every per-dump step of the run succeeded.",
)
def published_dumps(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    return _publish(context, warehouse)


@dg.asset(
    deps=["discovered_themes", "article_keywords", "search_index_compaction"],
    group_name="publish",
    kinds={"duckdb"},
    description="The corpus refresh (themes, keywords) as analysts see it: publishes the snapshot after the refresh.",
)
def published_corpus(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    return _publish(context, warehouse)
