"""Turn a check query's outcome (every violation counted, a few shown) into an AssetCheckResult."""

import dagster as dg

from pipelines.warehouse.checks import run_check

# Checks of warning severity (never blocking): an operator should look, nothing is held back. Run reports list
# every check that did not pass (`LandingRunReport.check_failures`, "asset.check"); callers tell these apart.
RANKING_CHECK = "top_names_look_right"  # on entity_mentions: the day's top names that look wrong
WARNING_CHECKS = frozenset({f"entity_mentions.{RANKING_CHECK}"})


def blocking_failures(check_failures: list[str]) -> list[str]:
    """The failed checks of a run report that are not mere warnings."""
    return [name for name in check_failures if name not in WARNING_CHECKS]


def check_result(conn, asset: str, name: str, query: str, params: dict) -> dg.AssetCheckResult:
    outcome = run_check(conn, query, params)
    return dg.AssetCheckResult(
        check_name=name,
        asset_key=asset,
        passed=outcome.passed,
        metadata={"violations": outcome.violations, "examples": dg.MetadataValue.text(repr(outcome.examples))},
    )
