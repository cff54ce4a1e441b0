"""The `analyst_report` asset: the one-file HTML report, rewritten by the daily schedule."""

from pathlib import Path

import dagster as dg

from pipelines.defs.resources import ReportResource, WarehouseResource
from pipelines.report.build import write_report
from pipelines.warehouse.reports import report_rows


@dg.asset(
    deps=["published_corpus"],
    group_name="corpus",
    kinds={"duckdb", "plotly", "html"},
    description="Self-contained HTML report (topics over time, top entities, maps, sources, quarantine); "
    "open the file in its metadata in a browser.",
)
def analyst_report(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, report: ReportResource
) -> dg.MaterializeResult:
    # Drawn from the snapshot analysts see, so the report never shows what they cannot query.
    with warehouse.connect(read_only=True) as conn:
        written = write_report(report_rows(conn), Path(report.path), report.window_days, warehouse.lake.describe())
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(written.path)),
            "open": dg.MetadataValue.url(written.path.as_uri()),
            "bytes": written.bytes,
            "seconds": round(written.seconds, 3),
            "articles": written.articles,
        }
    )
