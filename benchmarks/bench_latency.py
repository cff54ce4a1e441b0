"""`make bench-latency`: how long a dump dropped into `make dev`'s landing folder takes to reach analysts.

Starts what `make dev` starts (the instance's dagster.yaml, then `dg dev`: webserver and daemon, with the landing
sensor) on 127.0.0.1 with throwaway folders, drops dumps into the landing folder one at a time (written beside it
and renamed in, as a careful exporter does), and times each until an analyst's read-only connection to the
published lake sees the dump's articles with their entity mentions. The first drop also pays for the daemon's
start and is reported apart. Everything it started is stopped, also on failure or Ctrl-C.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.local_postgres import free_port
from pipelines.config import PROJECT_ROOT, child_environment
from pipelines.warehouse.connection import NoWarehouseError, warehouse
from pipelines.warehouse.sql_files import sql

POLL_S = 0.25


def queryable(lake_path: Path, file_key: str) -> bool:
    """The published snapshot holds the dump's articles and their entity mentions (an analyst's view)."""
    try:
        with warehouse(lake_path, read_only=True) as conn:
            articles, mentions = conn.execute(
                sql("reports/articles_and_mentions_of_file"), {"file_key": file_key}
            ).fetchone()
    except NoWarehouseError:
        return False
    return articles > 0 and mentions > 0


def drop(source: Path, landing: Path, name: str) -> None:
    partial = landing / f"{name}.part"  # ignored by the sensor while it has this name
    shutil.copyfile(source, partial)
    partial.rename(landing / name)


def wait_until_queryable(lake_path: Path, file_key: str, timeout_s: float, dev: subprocess.Popen) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout_s:
        if dev.poll() is not None:
            raise RuntimeError(f"`dg dev` exited with {dev.returncode}")
        if queryable(lake_path, file_key):
            return time.perf_counter() - started
        time.sleep(POLL_S)
    raise TimeoutError(f"{file_key} not queryable after {timeout_s:.0f} s")


def stop(process: subprocess.Popen) -> None:
    """`dg dev` and its children (webserver, daemon, code server) share its session: stop them all."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def throwaway_dev_folders(work: Path, **settings: str) -> tuple[Path, Path, Path, dict[str, str]]:
    """Landing folder, DAGSTER_HOME (with `make dev`'s dagster.yaml) and lake path under `work`, and the
    environment `make dev` would run with there (`settings` added)."""
    landing, home, lake_path = work / "landing", work / "dagster_home", work / "warehouse" / "news.sqlite"
    landing.mkdir(), lake_path.parent.mkdir()
    env = child_environment(
        LANDING_DIR=str(landing),
        WAREHOUSE_PATH=str(lake_path),
        DAGSTER_HOME=str(home),
        REPORT_PATH=str(work / "report.html"),
        **settings,
    )
    # `dg` is found where `make dev` finds it: this interpreter's environment first
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    subprocess.run(
        [sys.executable, "-m", "pipelines.orchestration.instance", str(home)], env=env, check=True, cwd=PROJECT_ROOT
    )
    return landing, home, lake_path, env


def start_dev(env: dict[str, str], work: Path, port: int):
    """`make dev`'s services on 127.0.0.1:`port`, in a session of their own (see `stop`); output to work/dev.log."""
    log = (work / "dev.log").open("w", encoding="utf-8")
    dev = subprocess.Popen(
        [sys.executable, "-m", "pipelines.tools.dev_server", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=PROJECT_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return dev, log


def print_runs(home: Path) -> None:
    """Where the time went: each run's wait in the queue and its own duration, from the instance's records."""
    import dagster as dg

    with dg.DagsterInstance.from_config(str(home)) as instance:
        records = sorted(instance.get_run_records(), key=lambda r: r.create_timestamp)
        for record in records:
            created = record.create_timestamp.timestamp()
            queued = (record.start_time or created) - created
            took = (record.end_time or created) - (record.start_time or created)
            print(
                f"  run {record.dagster_run.job_name:<14} {record.dagster_run.status.value:<8} "
                f"created {time.strftime('%H:%M:%S', time.localtime(created))}  "
                f"queued+starting {queued:5.1f} s  ran {took:5.1f} s"
            )
        if records:
            steps = instance.get_run_step_stats(records[-1].dagster_run.run_id)
            print(
                "  last run's steps: "
                + ", ".join(f"{s.step_key} {(s.end_time or 0) - (s.start_time or 0):.1f} s" for s in steps)
            )


def run(source: Path, files: int, timeout_s: float) -> int:
    dumps = sorted(p for p in source.iterdir() if p.suffix in (".txt", ".gz"))[: files + 1]
    if len(dumps) < 2:
        print(f"bench-latency: error: {source} holds fewer than 2 dumps", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="newswh-bench-latency-") as temporary:
        work = Path(temporary)
        landing, home, lake_path, env = throwaway_dev_folders(work)
        dev, log = start_dev(env, work, free_port())
        seconds = []
        try:
            for number, dump in enumerate(dumps):
                name = f"{number:03d}_{dump.name}"
                drop(dump, landing, name)
                elapsed = wait_until_queryable(lake_path, name, timeout_s, dev)
                label = "first (daemon starting)" if number == 0 else f"drop {number}"
                print(f"{label:<24} {dump.stat().st_size / 1e3:6.1f} KB  queryable after {elapsed:5.1f} s", flush=True)
                if number:
                    seconds.append(elapsed)
        except BaseException:
            log.flush()
            print((work / "dev.log").read_text(encoding="utf-8", errors="replace")[-3000:], file=sys.stderr)
            raise
        finally:
            stop(dev)
            log.close()
        print_runs(home)
    print(
        f"after the first: median {statistics.median(seconds):.1f} s, max {max(seconds):.1f} s "
        f"over {len(seconds)} drops"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_latency", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=PROJECT_ROOT.parent / "shared" / "bench" / "xwlb-2012-2016",
        help="folder whose first dumps are dropped in turn",
    )
    parser.add_argument("--files", type=int, default=5, help="drops timed after the first")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for one drop")
    args = parser.parse_args(argv)
    return run(args.source, args.files, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
