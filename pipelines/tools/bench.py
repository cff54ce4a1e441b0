"""`newswh bench`: ingest a landing folder into a fresh warehouse through Dagster, and time it."""

from __future__ import annotations

import os
import resource
import tempfile
import time
from pathlib import Path

import dagster as dg


def run_bench(*, extract: bool) -> int:
    landing = Path(os.environ["LANDING_DIR"])
    files = [p for p in landing.rglob("*") if p.is_file() and p.suffix in (".txt", ".gz")]
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    with tempfile.TemporaryDirectory(prefix="newswh-bench-") as work:
        os.environ["WAREHOUSE_PATH"] = str(Path(work) / "bench.duckdb")
        os.environ["NEWSWH_EXTRACT"] = "1" if extract else "0"
        from pipelines.definitions import build_definitions
        from pipelines.defs.runner import ingest_landing
        from pipelines.tools.summary import print_summary
        from pipelines.warehouse.connection import warehouse

        home = Path(work) / "dagster_home"  # on disk, like a real DAGSTER_HOME
        home.mkdir()
        started = time.perf_counter()
        with dg.instance_for_test(temp_dir=str(home)) as instance:
            report = ingest_landing(build_definitions(), instance, include_corpus=extract)
        wall = time.perf_counter() - started
        with warehouse(Path(os.environ["WAREHOUSE_PATH"]), read_only=True) as conn:
            records, chars = conn.execute(
                "SELECT sum(records), (SELECT sum(char_count) FROM articles) FROM dumps"
            ).fetchone()
            step_times = _step_seconds(conn)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"landing        {landing}")
        print(f"files          {len(files)}")
        print(f"records        {records}")
        print(f"MB             {size_mb:.1f}")
        print(f"runs           {report.runs} (sensor {report.seconds_sensor:.1f}s, runs {report.seconds_runs:.1f}s)")
        print(f"wall_s         {wall:.1f}")
        print(f"records_per_s  {records / wall:,.0f}")
        print(f"MB_per_s       {size_mb / wall:.2f}")
        print(f"chars          {chars:,}")
        print(f"chars_per_s    {chars / wall:,.0f} (end to end)")
        for step, seconds in step_times:
            print(f"step {step:<14} {seconds:.1f}s  {chars / seconds:,.0f} chars/s")
        print(f"peak_rss_MB    {peak_mb:.0f}")
        for failure in report.failed_runs + report.check_failures:
            print(f"FAILED: {failure}")
        if os.environ.get("BENCH_SUMMARY"):
            print_summary()
    return 1 if report.failed_runs or report.check_failures else 0


def _step_seconds(conn) -> list[tuple[str, float]]:
    try:
        return conn.execute(
            "SELECT step, sum(seconds) FROM step_timings GROUP BY step ORDER BY step"
        ).fetchall()
    except Exception:  # table exists only once extraction steps record their timings
        return []
