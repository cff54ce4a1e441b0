"""`newswh bench-concurrent`: load a landing folder through Dagster while two analysts query.

One analyst process holds a read-only connection to the published lake snapshot for the whole load;
another reconnects for every query. Both run the `sql/examples` queries in a loop and check each
snapshot for partial states. Prints runs, retries, failures, queries, waits and partial states.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipelines.config import Settings, use_settings
from pipelines.defs.checks import WARNING_CHECKS
from pipelines.orchestration.instance import temporary_instance


def run_bench_concurrent(config: Settings, *, batch_size: int) -> int:
    landing = config.landing_dir
    with tempfile.TemporaryDirectory(prefix="newswh-bench-concurrent-") as work:
        published = Path(work) / "news.sqlite"
        current = config.with_overrides(
            warehouse_path=published,
            warehouse_catalog="",
            warehouse_data_path="",
            report_path=Path(work) / "report.html",  # the bench's report, not the analysts' one in the checkout
            sensor_batch_size=batch_size,  # several runs, so several publishes to race with
        )
        # the analyst probes get the published path on their command line; nothing goes through os.environ
        return _load_while_querying(current, landing, Path(work))


def _load_while_querying(config: Settings, landing: Path, work: Path) -> int:
    with use_settings(config):
        published = config.warehouse_path
        from pipelines.definitions import build_definitions
        from pipelines.orchestration.runner import ingest_landing, publish_if_absent

        defs = build_definitions()
        publish_if_absent(defs)  # analysts connect from the first second
        stop = Path(work) / "stop"
        probes = []
        for mode in ("hold", "reconnect"):
            out = Path(work) / f"{mode}.json"
            command = [
                sys.executable,
                "-m",
                "benchmarks.analyst_probe",
                "--warehouse",
                str(published),
                "--mode",
                mode,
                "--stop-file",
                str(stop),
                "--out",
                str(out),
            ]
            probes.append((subprocess.Popen(command), out))
        time.sleep(1.0)  # both analysts are connected before the first write
        home = Path(work) / "dagster_home"
        started = time.perf_counter()
        with temporary_instance(home) as instance:
            report = ingest_landing(defs, instance)
        wall = time.perf_counter() - started
        stop.touch()
        results = []
        for process, out in probes:
            process.wait(timeout=300)
            results.append(json.loads(out.read_text(encoding="utf-8")))
    publishes = [p for p in report.publishes if p.get("published")]
    print(f"landing              {landing}")
    print(f"wall_s               {wall:.1f}")
    print(f"runs_started         {report.runs}")
    print(f"runs_failed          {len(report.failed_runs)}")
    print(f"step_retries         {report.retries}")
    print(f"repair_runs          {report.repair_runs}")
    print(
        f"publishes            {len(publishes)} (max {max((p['publish_seconds'] for p in publishes), default=0):.3f}s)"
    )
    for stats in results:
        print(
            f"analyst {stats['mode']:<10}   queries={stats['queries']} failed={stats['failed']} "
            f"max_wait_s={stats['max_wait_s']:.3f} max_query_s={stats['max_query_s']:.3f} "
            f"partial_states={stats['partial_states']} snapshots_seen={stats['snapshots_seen']}"
            + (
                f" locked_waits={stats['locked_waits']} slowest_opens={stats['slowest_opens']}"
                if stats["slowest_opens"]
                else ""
            )
        )
        for error in stats["errors"]:
            print(f"    {error}")
    queries_failed = sum(s["failed"] for s in results)
    partial = sum(s["partial_states"] for s in results)
    print(f"queries_run          {sum(s['queries'] for s in results)}")
    print(f"queries_failed       {queries_failed}")
    print(f"max_query_wait_s     {max(s['max_wait_s'] for s in results):.3f}")
    print(f"partial_states_seen  {partial}")
    for failure in report.failed_runs + report.check_failures:
        print(f"{'WARNING' if failure in WARNING_CHECKS else 'FAILED'}: {failure}")
    return 1 if report.failed_runs or queries_failed or partial else 0
