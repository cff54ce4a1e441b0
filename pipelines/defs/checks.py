"""Turn a check query's outcome (every violation counted, a few shown) into an AssetCheckResult."""

import dagster as dg

from pipelines.warehouse.checks import run_check


def check_result(conn, asset: str, name: str, query: str, params: dict) -> dg.AssetCheckResult:
    outcome = run_check(conn, query, params)
    return dg.AssetCheckResult(
        check_name=name,
        asset_key=asset,
        passed=outcome.passed,
        metadata={"violations": outcome.violations, "examples": dg.MetadataValue.text(repr(outcome.examples))},
    )
