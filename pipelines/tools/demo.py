"""`newswh demo`: materialise the whole asset graph on a landing folder, then show the result."""

from __future__ import annotations

import tempfile
from pathlib import Path

from pipelines.orchestration.instance import temporary_instance

from pipelines.config import settings
from pipelines.tools.summary import print_summary


def run_demo() -> int:
    from pipelines.orchestration.runner import ingest_landing
    from pipelines.definitions import build_definitions

    config = settings()
    print(f"landing folder: {config.landing_dir}\nwarehouse:      {config.lake.describe()}\n")
    if not config.landing_dir.is_dir() or not any(config.landing_dir.iterdir()):
        print("the landing folder is empty or missing: drop dump files in, or run `make demo`, which copies "
              "the sample dumps into it\n")
    # A throwaway Dagster instance: the demo shows the sensor path without touching `make dev` state.
    with tempfile.TemporaryDirectory(prefix="newswh-demo-") as home:
        with temporary_instance(Path(home)) as instance:
            report = ingest_landing(build_definitions(), instance)
    print(
        f"sensor registered {report.files_registered} dump partition(s); {report.runs} run(s) "
        f"in {report.seconds_sensor + report.seconds_runs:.1f}s"
    )
    for failure in report.failed_runs:
        print(f"RUN FAILED: {failure}")
    for failure in report.check_failures:
        print(f"CHECK FAILED: {failure}")
    print()
    print_summary()
    return 1 if report.failed_runs else 0
