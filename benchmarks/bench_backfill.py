"""`make bench-backfill`: a dump dropped while a ten-day backfill runs is queryable without waiting for the backfill.

Loads one bench dump on each of ten earlier arrival days (in-process runs on the instance `make dev` will use), starts
what `make dev` starts on 127.0.0.1, launches a backfill of those ten days through the webserver's GraphQL API (as the
UI's "Materialize" over a partition range does; one run per day by the assets' backfill policy), drops a new dump into
the landing folder once the backfill's first run is going, and prints when the new dump became queryable and when the
backfill finished. Throwaway folders; everything started is stopped.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

from benchmarks.bench_latency import drop, queryable, start_dev, stop, throwaway_dev_folders
from benchmarks.local_postgres import free_port
from pipelines.config import PROJECT_ROOT
from pipelines.defs.assets.per_dump import PER_DUMP_STEPS

PREPARE = """
import sys
from pathlib import Path
import dagster as dg
from pipelines.definitions import build_definitions
from pipelines.orchestration.runner import run_files
defs = build_definitions()
with dg.DagsterInstance.get() as instance:
    for key, day in zip(sys.argv[1::2], sys.argv[2::2]):
        assert run_files(defs, instance, [key], day=day).success, key
"""

LAUNCH = """
mutation Launch($params: LaunchBackfillParams!) {
  launchPartitionBackfill(backfillParams: $params) {
    __typename
    ... on LaunchBackfillSuccess { backfillId }
    ... on PythonError { message }
  }
}"""

# Every arrival-day asset: the per-dump steps and their publish.
PARTITIONED = [*PER_DUMP_STEPS, "published_dumps"]


def graphql(port: int, query: str, variables: dict) -> dict:
    answer = requests.post(
        f"http://127.0.0.1:{port}/graphql", json={"query": query, "variables": variables}, timeout=60
    )
    answer.raise_for_status()
    return answer.json()["data"]


def wait_for_webserver(port: int, dev: subprocess.Popen, timeout_s: float = 180) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if dev.poll() is not None:
            raise RuntimeError(f"`dg dev` exited with {dev.returncode}")
        try:
            if requests.get(f"http://127.0.0.1:{port}/server_info", timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError("the webserver did not answer")


def run(source: Path, days: int, timeout_s: float) -> int:
    import dagster as dg

    dumps = sorted(p for p in source.iterdir() if p.suffix == ".txt")[: days + 1]
    today = datetime.now(UTC).date()
    day_keys = [(today - timedelta(days=days - n)).isoformat() for n in range(days)]
    with tempfile.TemporaryDirectory(prefix="newswh-bench-backfill-") as temporary:
        work = Path(temporary)
        landing, home, lake_path, env = throwaway_dev_folders(work, LANDING_SETTLE_S="0")
        pairs = []
        for dump, day in zip(dumps, day_keys):
            drop(dump, landing, f"old_{day}_{dump.name}")
            pairs += [f"old_{day}_{dump.name}", day]
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", PREPARE, *pairs], env=env, check=True, cwd=PROJECT_ROOT)
        print(f"{days} arrival days loaded, one dump each ({time.perf_counter() - started:.0f} s)", flush=True)
        port = free_port()
        dev, log = start_dev(env, work, port)
        try:
            wait_for_webserver(port, dev)
            launched = graphql(
                port,
                LAUNCH,
                {"params": {"partitionNames": day_keys, "assetSelection": [{"path": [key]} for key in PARTITIONED]}},
            )
            backfill = launched["launchPartitionBackfill"]
            if backfill["__typename"] != "LaunchBackfillSuccess":
                raise RuntimeError(f"backfill not launched: {backfill}")
            backfill_started = time.perf_counter()
            with dg.DagsterInstance.from_config(str(home)) as instance:
                while not instance.get_runs(filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED])):
                    time.sleep(0.5)  # the backfill's first day-run is going
                new = f"new_{dumps[-1].name}"
                drop(dumps[-1], landing, new)
                dropped = time.perf_counter()
                while not queryable(lake_path, new):
                    if time.perf_counter() - dropped > timeout_s:
                        raise TimeoutError(f"{new} not queryable after {timeout_s:.0f} s")
                    time.sleep(0.25)
                new_s = time.perf_counter() - dropped
                finished_runs = lambda: [
                    r
                    for r in instance.get_runs(filters=dg.RunsFilter(tags={"dagster/backfill": backfill["backfillId"]}))
                    if r.is_finished
                ]
                done_before_new = len(finished_runs())
                while len(finished_runs()) < days:
                    if time.perf_counter() - backfill_started > timeout_s * 4:
                        raise TimeoutError("the backfill did not finish")
                    time.sleep(1)
                backfill_s = time.perf_counter() - backfill_started
                runs = instance.get_runs(filters=dg.RunsFilter(tags={"dagster/backfill": backfill["backfillId"]}))
                failed = [r.run_id for r in runs if r.status != dg.DagsterRunStatus.SUCCESS]
        except BaseException:
            log.flush()
            print((work / "dev.log").read_text(encoding="utf-8", errors="replace")[-3000:], file=sys.stderr)
            raise
        finally:
            stop(dev)
            log.close()
    print(f"backfill: {days} days, {len(runs)} runs ({len(failed)} failed), finished {backfill_s:.1f} s after launch")
    print(
        f"new dump: queryable {new_s:.1f} s after it was dropped, with {done_before_new} of the backfill's "
        f"{days} runs finished by then"
    )
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_backfill", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=PROJECT_ROOT.parent / "shared" / "bench" / "xwlb-2012-2016",
        help="folder whose first dumps are loaded on the earlier days and dropped",
    )
    parser.add_argument("--days", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for the new dump")
    args = parser.parse_args(argv)
    return run(args.source, args.days, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
