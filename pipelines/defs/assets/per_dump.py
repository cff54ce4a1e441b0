"""What the per-dump extraction assets share: options, and the batch loop over a run's articles."""

import time
from collections.abc import Callable, Iterator

import dagster as dg

from pipelines.defs.checks import check_result
from pipelines.defs.partitions import dump_partitions
from pipelines.defs.resources import WarehouseResource
from pipelines.warehouse.load_extractions import articles_of_files


def per_dump_asset_options(asset: str, version: str, checks: dict[str, tuple[str, str]], description: str) -> dict:
    """@asset keyword arguments for an asset computed from `articles`, one partition per dump.

    `checks` maps a check name to (description, sql/checks query taking $article_ids).
    """
    return {
        "name": asset,
        "deps": ["articles"],
        "partitions_def": dump_partitions,
        "backfill_policy": dg.BackfillPolicy.single_run(),
        "group_name": "extract",
        "kinds": {"duckdb", "polars"},
        "code_version": version,
        "check_specs": [
            dg.AssetCheckSpec(name, asset=asset, blocking=True, description=text)
            for name, (text, _) in checks.items()
        ],
        "description": description,
    }


def run_per_dump(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    asset: str,
    checks: dict[str, tuple[str, str]],
    batch_size: int,
    process: Callable[[object, list[dict]], int],
    metadata: dict,
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """Extract and load the run's articles batch by batch, then check them.

    `process(conn, batch)` extracts and loads one batch and returns how many rows it wrote.
    """
    started = time.perf_counter()
    with warehouse.connect() as conn:
        articles = articles_of_files(conn, list(context.partition_keys))
        rows = 0
        for start in range(0, len(articles), batch_size):
            rows += process(conn, articles[start : start + batch_size])
        ids = {"article_ids": [a["article_id"] for a in articles]}
        results = [check_result(conn, asset, name, query, ids) for name, (_, query) in checks.items()]
    seconds = time.perf_counter() - started
    chars = sum(len(a["title"]) + len(a["body"]) + 1 for a in articles)
    yield dg.MaterializeResult(
        metadata={
            **metadata,
            "articles": len(articles),
            "rows_written": rows,
            "chars": chars,
            "seconds": round(seconds, 3),
            "chars_per_s": round(chars / seconds) if seconds else 0,
        }
    )
    yield from results
