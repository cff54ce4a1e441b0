"""`newswh bench`: ingest a landing folder into a fresh warehouse through Dagster, and time it."""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

from pipelines.config import Settings, use_settings
from pipelines.defs.checks import blocking_failures
from pipelines.orchestration.instance import temporary_instance


def run_bench(config: Settings, *, extract: bool, print_summary_after: bool = False) -> int:
    """Ingest `config.landing_dir` into a fresh warehouse in a temp folder (the configured one is not touched)."""
    landing = config.landing_dir
    files = [p for p in landing.rglob("*") if p.is_file() and p.suffix in (".txt", ".gz")]
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    with (
        tempfile.TemporaryDirectory(prefix="newswh-bench-") as work,
        use_settings(
            config.with_overrides(
                warehouse_path=Path(work) / "bench.sqlite",
                warehouse_catalog="",
                warehouse_data_path="",
                report_path=Path(work) / "report.html",
            )
        ) as bench_config,
    ):
        from pipelines.definitions import build_definitions
        from pipelines.orchestration.runner import ingest_landing
        from pipelines.tools.summary import print_summary
        from pipelines.warehouse.connection import warehouse
        from pipelines.warehouse.sql_files import sql

        home = Path(work) / "dagster_home"  # on disk, like a real DAGSTER_HOME
        home.mkdir()
        started = time.perf_counter()
        with temporary_instance(home) as instance:
            report = ingest_landing(
                build_definitions(), instance, include_corpus=extract, only_assets=None if extract else ["articles"]
            )
        wall = time.perf_counter() - started
        with warehouse(bench_config.lake, snapshot="latest") as conn:
            records, chars = conn.execute(sql("reports/corpus_size")).fetchone()
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        # Step processes and extraction workers: the largest of them (a child's peak starts at its parent's at fork).
        child_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
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
        for step, (step_chars, seconds) in sorted(report.step_stats.items()):
            rate = f"{step_chars / seconds:,.0f} chars/s" if step_chars and seconds else ""
            print(f"step {step:<18} {seconds:.1f}s  {rate}")
        print(f"peak_rss_MB    {peak_mb:.0f} (this process), {child_peak_mb:.0f} (largest child process)")
        cpu = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        print(f"cpu_s          {sum(u.ru_utime + u.ru_stime for u in cpu):.1f} (all processes)")
        for failure in report.failed_runs + blocking_failures(report.check_failures):
            print(f"FAILED: {failure}")
        for warning in sorted(set(report.check_failures) - set(blocking_failures(report.check_failures))):
            print(f"WARNING: {warning}")
        if print_summary_after:
            print_summary()
    return 1 if report.failed_runs or blocking_failures(report.check_failures) else 0
