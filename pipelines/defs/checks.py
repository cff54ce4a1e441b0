"""Run a check query (returns violating rows) and turn it into an AssetCheckResult."""

import dagster as dg

from pipelines.warehouse.sql_files import sql


def check_result(conn, asset: str, name: str, query: str, params: dict) -> dg.AssetCheckResult:
    bad = conn.execute(sql(query), params).fetchall()
    return dg.AssetCheckResult(
        check_name=name,
        asset_key=asset,
        passed=not bad,
        metadata={"violations": len(bad), "examples": dg.MetadataValue.text(repr(bad[:5]))},
    )
