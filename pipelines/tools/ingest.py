"""`newswh ingest`: the daemon's incremental path without the UI, on the persistent instance in DAGSTER_HOME.

One call ticks the landing sensor as the daemon would, runs what it requests, lets the repair sensor
finish what failed, runs the corpus job when something new loaded, publishes, and exits. Called again
with nothing new it runs nothing.

Sensor cursors are kept in a JSON file in DAGSTER_HOME rather than in Dagster's own instigator state:
that state is keyed by the code location's origin, which only a running workspace (the daemon) has, and
its API (`get_instigator_state`/`update_instigator_state`) is not public. The file lives and dies with
the instance (partitions, run history) it describes, and is replaced atomically only after the runs,
so a call killed half-way leaves the previous cursors: the repair sensor then finishes the registered
dumps and a rewritten file is seen as changed again.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg

from pipelines.config import settings
from pipelines.defs.checks import WARNING_CHECKS

CURSORS_FILE = "newswh_sensor_cursors.json"
LOCK_FILE = "newswh_ingest.lock"


class IngestBusyError(RuntimeError):
    """Another `newswh ingest` holds this DAGSTER_HOME."""


def load_cursors(home: Path) -> dict[str, str | None]:
    path = home / CURSORS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def save_cursors(home: Path, cursors: dict[str, str | None]) -> None:
    path = home / CURSORS_FILE
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(cursors, sort_keys=True), encoding="utf-8")
    os.replace(temporary, path)  # a reader never sees half a file


@contextmanager
def holding_instance_lock(home: Path) -> Iterator[None]:
    """One `newswh ingest` (or reload, or clean-warehouse) on a DAGSTER_HOME at a time. Creates nothing when the
    folder does not exist (there is no instance to protect)."""
    if not home.is_dir():
        yield
        return
    with open(home / LOCK_FILE, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IngestBusyError(f"another newswh ingest is using {home}") from exc
        yield


@contextmanager
def persistent_instance(home: Path) -> Iterator[dg.DagsterInstance]:
    """The instance `make dev` uses (same dagster.yaml), held by one `newswh ingest` at a time: two at
    once would both see the same new files and load them twice."""
    from pipelines.orchestration.instance import write_dagster_yaml

    write_dagster_yaml(home, settings())
    with holding_instance_lock(home), dg.DagsterInstance.from_config(str(home)) as instance:
        yield instance


def ingest_once():
    """Run one incremental pass; returns the runner's report."""
    from pipelines.definitions import build_definitions
    from pipelines.orchestration.runner import ingest_landing

    home = settings().dagster_home
    with persistent_instance(home) as instance:
        cursors = load_cursors(home)
        report = ingest_landing(build_definitions(), instance, cursors=cursors)
        save_cursors(home, cursors)
    return report


def run_ingest() -> int:
    config = settings()
    print(
        f"landing folder: {config.landing_dir}\nwarehouse:      {config.lake.describe()}\n"
        f"dagster home:   {config.dagster_home}"
    )
    from pipelines.tools.demo import warn_if_mixing

    warn_if_mixing(config)
    try:
        report = ingest_once()
    except IngestBusyError as exc:
        print(f"newswh ingest: {exc}", file=sys.stderr)
        return 1
    published = sum(1 for publish in report.publishes if publish.get("published"))
    if not report.runs and not report.files_registered:
        print("nothing new")
    else:
        print(
            f"files registered: {report.files_registered}\nruns: {report.runs} ({report.repair_runs} repair)\n"
            f"failed runs: {len(report.failed_runs)}\npublishes: {published}\n"
            f"seconds: {report.seconds_sensor + report.seconds_runs:.1f}"
        )
    for failure in report.failed_runs:
        print(f"RUN FAILED: {failure}")
    for failure in report.check_failures:
        print(f"CHECK {'WARNING' if failure in WARNING_CHECKS else 'FAILED'}: {failure}")
    return 1 if report.failed_runs else 0


def run_reload(file_keys: list[str]) -> int:
    """`newswh reload`: one ingest run of these files on today's arrival day (they move to it), then the
    corpus job for their articles; the same as launching ingest_job with `files` in the UI's launchpad."""
    from pipelines.definitions import build_definitions
    from pipelines.orchestration.runner import QUIET, run_files

    home = settings().dagster_home
    try:
        with persistent_instance(home) as instance:
            defs = build_definitions()
            result = run_files(defs, instance, file_keys)
            corpus = defs.resolve_job_def("corpus_job").execute_in_process(
                instance=instance, run_config=QUIET, raise_on_error=False
            )
    except IngestBusyError as exc:
        print(f"newswh reload: {exc}", file=sys.stderr)
        return 1
    for name, outcome in (("ingest_job", result), ("corpus_job", corpus)):
        print(f"{name}: {'succeeded' if outcome.success else 'FAILED'} (run {outcome.run_id})")
    return 0 if result.success and corpus.success else 1
