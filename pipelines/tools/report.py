"""`newswh report`: write the one-file HTML report of the analysts' warehouse."""

from __future__ import annotations

from pathlib import Path

from pipelines.config import settings
from pipelines.report.build import WrittenReport, write_report
from pipelines.tools.summary import require_warehouse
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.reports import report_rows


def write_report_file(out: Path | None = None, window_days: int | None = None) -> WrittenReport:
    current = settings()
    lake = require_warehouse(current.lake)
    with warehouse(lake, read_only=True) as conn:
        return write_report(
            report_rows(conn), out or current.report_path, window_days or current.report_window_days, lake.describe()
        )
