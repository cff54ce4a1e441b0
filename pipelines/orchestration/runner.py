"""Drive the code location the way the daemon would: sensor ticks, partition requests, runs, repairs.

Used by `newswh demo`, `newswh bench` and the tests, so all exercise the real sensors and jobs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import dagster as dg

from pipelines import progress
from pipelines.config import exported, settings
from pipelines.defs.assets.per_dump import PER_DUMP_STEPS
from pipelines.defs.schedules import DAILY_TAGS
from pipelines.defs.sensors import files_config
from pipelines.orchestration.reconstruct import reconstructable_job

QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
# The corpus assets that work per new article; the rest of corpus_job (search index compaction, the report)
# rewrites corpus-wide things and runs once a day, on the schedule.
PER_ARTICLE_CORPUS = ["article_keywords", "discovered_themes", "published_corpus"]
DAY_S = 24 * 3600
MAX_REPAIR_ROUNDS = 10
OVERALL_TASK = "dump files"  # progress of the whole landing folder (pipelines/progress.py)


@dataclass
class LandingRunReport:
    files_registered: int = 0
    runs: int = 0
    repair_runs: int = 0
    retries: int = 0
    failed_runs: list[str] = field(default_factory=list)
    check_failures: list[str] = field(default_factory=list)
    seconds_sensor: float = 0.0
    seconds_runs: float = 0.0
    # asset name -> (chars, seconds) summed over runs, from the assets' materialization metadata
    step_stats: dict[str, tuple[int, float]] = field(default_factory=dict)
    publishes: list[dict] = field(default_factory=list)  # metadata of each publish step
    step_pids: dict[str, set[int]] = field(default_factory=dict)  # step -> the PIDs of the processes that ran it


def publish_if_absent(defs: dg.Definitions) -> None:
    """Analysts can open the warehouse before the first run finished: publish what the lake holds (empty on a
    new install) unless something was published already or a dump in it is half-done."""
    warehouse = defs.resources["warehouse"]
    if not _published(warehouse):
        warehouse.publish(PER_DUMP_STEPS, None)


def _published(warehouse) -> bool:
    if not warehouse.lake.exists():
        return False
    try:
        with warehouse.connect(read_only=True):
            return True
    except FileNotFoundError:  # NoWarehouseError: nothing published yet
        return False


def ingest_landing(
    defs: dg.Definitions,
    instance: dg.DagsterInstance,
    *,
    include_corpus: bool = True,
    only_assets: list[str] | None = None,
    cursors: dict[str, str | None] | None = None,
) -> LandingRunReport:
    """Tick the landing sensor twice, LANDING_SETTLE_S apart like the daemon's ticks (a file must be unmodified
    that long: the second tick takes files that were still being written at the first), run what it asks, then let
    the repair sensor finish whatever failed, as the daemon would.

    `cursors` (sensor name -> cursor) is for a persistent instance (`newswh ingest`): the sensors resume
    from these cursors, which are updated in place, and the corpus job runs only when a run loaded
    something or the last corpus run did not succeed. Without it every call starts from scratch."""
    report = LandingRunReport()
    publish_if_absent(defs)
    sensor = defs.resolve_sensor_def("landing_sensor")
    started = time.perf_counter()
    cursor = cursors.get("landing_sensor") if cursors is not None else None
    requests: list[dg.RunRequest] = []
    for tick in range(2):
        if tick:
            time.sleep(defs.resources["landing"].settle_s)  # a file still being written changes meanwhile
        result = sensor(_sensor_context(defs, instance, cursor))
        cursor = result.cursor
        for request in result.run_requests or []:
            report.files_registered += len(request.run_config["ops"]["articles"]["config"]["files"])
        requests.extend(result.run_requests or [])
    report.seconds_sensor = time.perf_counter() - started

    started = time.perf_counter()
    job = defs.resolve_job_def("ingest_job")
    selection = [*only_assets, "published_dumps"] if only_assets else None
    files_done = 0
    for request in requests:
        progress.report(OVERALL_TASK, files_done, report.files_registered, "files")
        _execute(job, instance, request, report, selection)
        files_done += len(request.run_config["ops"]["articles"]["config"]["files"])
    progress.report(OVERALL_TASK, files_done, report.files_registered, "files")
    if not only_assets:
        repair_cursor = repair(defs, instance, report, cursors.get("repair_sensor") if cursors is not None else None)
        if cursors is not None:
            cursors["repair_sensor"] = repair_cursor
    if cursors is not None:
        cursors["landing_sensor"] = cursor
    if include_corpus and (
        cursors is None or requests or report.repair_runs or not _last_corpus_run_succeeded(instance)
    ):
        # From scratch (demo, bench): the whole corpus job. On the persistent instance: the per-article work for
        # the new articles, plus the daily refresh (index compaction, report) once a day, as the schedule would.
        daily = cursors is None or _daily_refresh_due(instance)
        selection = None if daily else PER_ARTICLE_CORPUS
        _execute(
            defs.resolve_job_def("corpus_job"),
            instance,
            None,
            report,
            selection,
            tags=DAILY_TAGS if daily else {},
            runs=defs.resources["runs"],
        )
    report.seconds_runs = time.perf_counter() - started
    return report


def _daily_refresh_due(instance: dg.DagsterInstance) -> bool:
    """No whole corpus run (the daily schedule's job) succeeded in the last day."""
    records = instance.get_run_records(
        dg.RunsFilter(job_name="corpus_job", tags=DAILY_TAGS, statuses=[dg.DagsterRunStatus.SUCCESS]), limit=1
    )
    return not records or time.time() - records[0].create_timestamp.timestamp() > DAY_S


def _last_corpus_run_succeeded(instance: dg.DagsterInstance) -> bool:
    """False when the corpus job never ran or its latest run failed: its work is still owed."""
    runs = instance.get_runs(dg.RunsFilter(job_name="corpus_job"), limit=1)
    return bool(runs) and runs[0].status == dg.DagsterRunStatus.SUCCESS


def repair(
    defs: dg.Definitions, instance: dg.DagsterInstance, report: LandingRunReport, cursor: str | None = None
) -> str | None:
    """Tick the repair sensor and run what it asks until it asks for nothing (bounded)."""
    sensor = defs.resolve_sensor_def("repair_sensor")
    job = defs.resolve_job_def("ingest_job")
    for _ in range(MAX_REPAIR_ROUNDS):
        result = sensor(_sensor_context(defs, instance, cursor))
        cursor = result.cursor if isinstance(result, dg.SensorResult) else cursor
        requests = (result.run_requests or []) if isinstance(result, dg.SensorResult) else []
        if not requests:
            break
        for request in requests:
            selection = [key.to_user_string() for key in request.asset_selection] if request.asset_selection else None
            report.repair_runs += 0 if selection == ["published_dumps"] else 1  # a publish-only run repairs nothing
            _execute(job, instance, request, report, selection)
    return cursor


def _sensor_context(defs: dg.Definitions, instance: dg.DagsterInstance, cursor: str | None):
    return dg.build_sensor_context(instance=instance, cursor=cursor, definitions=defs, resources=defs.resources)


def execute_request(
    job,
    instance: dg.DagsterInstance,
    request: dg.RunRequest | None,
    only_assets: list[str] | None = None,
    *,
    raise_on_error: bool = False,
):
    """Run what a sensor asked for (partition, run config, tags) as the daemon would: in this process, or, when
    its run config asks for the multiprocess executor (or the jobs run on Dask), with each step in a process of
    its own that Dagster starts and that rebuilds the job from the environment (the settings in force are
    exported for it)."""
    selection = [dg.AssetKey(name) for name in only_assets] if only_assets else None
    run_config = {**QUIET, **(request.run_config if request is not None else {})}
    if only_assets and "articles" not in only_assets:
        run_config.pop("ops", None)  # the file list configures `articles`, which this run leaves out
    tags = dict(request.tags) if request is not None else {}
    partition = request.partition_key if request is not None else None
    if not _steps_in_other_processes(job, run_config):
        run_config.pop("execution", None)
        return job.execute_in_process(
            instance=instance,
            tags=tags,
            run_config=run_config,
            partition_key=partition,
            raise_on_error=raise_on_error,
            asset_selection=selection,
        )
    if partition is not None:
        tags["dagster/partition"] = partition
    with exported(settings()):
        return dg.execute_job(
            reconstructable_job(job.name),
            instance,
            run_config=run_config,
            tags=tags,
            raise_on_error=raise_on_error,
            asset_selection=selection,
        )


def _steps_in_other_processes(job, run_config: dict) -> bool:
    if job.executor_def.name == "dask":
        return True
    return "multiprocess" in run_config.get("execution", {}).get("config", {})


def run_files(
    defs: dg.Definitions,
    instance: dg.DagsterInstance,
    file_keys: list[str],
    *,
    day: str | None = None,
    only_assets: list[str] | None = None,
    raise_on_error: bool = False,
) -> dg.ExecuteInProcessResult:
    """Load these landing files in one ingest run on arrival day `day` (default today), as the landing
    sensor would hand them over, or as an operator reloads a file."""
    day = day or datetime.now(UTC).date().isoformat()
    request = dg.RunRequest(partition_key=day, run_config=files_config(file_keys))
    selection = [*only_assets, "published_dumps"] if only_assets else None
    return execute_request(
        defs.resolve_job_def("ingest_job"), instance, request, selection, raise_on_error=raise_on_error
    )


def _execute(
    job,
    instance: dg.DagsterInstance,
    request: dg.RunRequest | None,
    report: LandingRunReport,
    only_assets: list[str] | None = None,
    tags: dict[str, str] | None = None,
    runs=None,
) -> None:
    if request is None:  # a corpus-wide run: executed like the daemon's scheduled one
        request = dg.RunRequest(tags=tags or {}, run_config=runs.execution_config(None) if runs is not None else {})
    result = execute_request(job, instance, request, only_assets)
    tags = dict(request.tags) if request is not None else {}
    report.runs += 1
    report.retries += sum(1 for event in result.all_events if event.event_type == dg.DagsterEventType.STEP_UP_FOR_RETRY)
    if not result.success:
        report.failed_runs.append(f"{job.name} {tags}: {_failure(result)}")
    for event in result.all_events:
        if event.event_type == dg.DagsterEventType.STEP_START and event.step_key and event.pid:
            report.step_pids.setdefault(event.step_key, set()).add(event.pid)
    seen_in_run: set[str] = set()
    for event in result.get_asset_materialization_events():
        materialization = event.step_materialization_data.materialization
        metadata = materialization.metadata
        name = materialization.asset_key.to_user_string()
        if name.startswith("published_") and name not in seen_in_run:
            seen_in_run.add(name)
            report.publishes.append({key: getattr(value, "value", value) for key, value in metadata.items()})
        # A ranged run repeats the same metadata on every partition's materialization: count it once.
        if "seconds" in metadata and name not in seen_in_run:
            seen_in_run.add(name)
            chars, seconds = report.step_stats.get(name, (0, 0.0))
            chars_value = metadata["chars"].value if "chars" in metadata else 0
            report.step_stats[name] = (chars + int(chars_value), seconds + float(metadata["seconds"].value))
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed:
            report.check_failures.append(f"{evaluation.asset_key.to_user_string()}.{evaluation.check_name}")


def _failure(result) -> str:
    """The failed step and the root cause (Dagster wraps it, e.g. in "Exceeded max_retries")."""
    for event in result.all_events:
        if event.event_type == dg.DagsterEventType.STEP_FAILURE and event.step_failure_data:
            error = event.step_failure_data.error
            messages = [error.message.strip()]
            while error.cause is not None:
                error = error.cause
                messages.append(error.message.strip())
            return f"step {event.step_key}: " + " <- ".join(messages)
    return "run failed"
