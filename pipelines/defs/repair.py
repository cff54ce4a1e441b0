"""The repair sensor: finds dumps whose per-dump steps did not all finish and runs them again.

A run can fail after `articles` loaded (a step's retries ran out, the process was killed); the
landing sensor never hands those files over again. Every step's progress per dump is in the
warehouse (`dump_steps`: the articles step writes 'pending' rows for all steps before it loads), so
this sensor reads the rows that are not done (it costs what is unfinished, not what was ever
loaded) and, while no pipeline run is queued or running, requests runs of their arrival days, with
exponential backoff, up to REPAIR_MAX_ATTEMPTS times per dump. Then it gives up on the dump and says
so in its tick; the dump's `dump_steps` rows keep the failure and the reason.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from datetime import UTC, datetime

import dagster as dg
import duckdb

from pipelines.defs.assets.per_dump import PER_DUMP_STEPS
from pipelines.defs.partitions import arrival_day_key
from pipelines.defs.resources import RunsResource, WarehouseResource
from pipelines.defs.sensors import files_config
from pipelines.warehouse.arrivals import UnfinishedDump, unfinished_dumps

_ACTIVE = [
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
    dg.DagsterRunStatus.CANCELING,
]
MAX_RUNS_PER_TICK = 20
REPAIR_TAGS = {"newswh/repair": "true"}


def read_unfinished(warehouse: WarehouseResource) -> list[UnfinishedDump] | None:
    """None when there is no warehouse yet, or one not migrated to arrival days yet."""
    if not warehouse.lake.exists():
        return None
    try:
        with warehouse.connect(read_only=True, snapshot="latest") as conn:
            return unfinished_dumps(conn)
    except duckdb.CatalogException:
        return None


def repair_requests(unfinished: list[UnfinishedDump], runs: RunsResource | None = None) -> list[dg.RunRequest]:
    """One run per arrival day: the files whose load did not finish are read again; the later steps
    then work on every dump of that day they still owe. Days whose loads all finished get a run of
    the later steps only."""
    by_day: dict[str, list[UnfinishedDump]] = defaultdict(list)
    for dump in unfinished:
        by_day[arrival_day_key(dump.arrival_day)].append(dump)
    now = time.time()
    requests = []
    for day, dumps in sorted(by_day.items())[:MAX_RUNS_PER_TICK]:
        reload = [dump.file_key for dump in dumps if dump.articles_unfinished]
        name = f"repair:{day}:{dumps[0].file_key}..{dumps[-1].file_key}:{now}"
        if reload:
            requests.append(
                dg.RunRequest(run_key=name, partition_key=day, run_config=files_config(reload, runs), tags=REPAIR_TAGS)
            )
        else:
            later = [dg.AssetKey(step) for step in [*PER_DUMP_STEPS[1:], "published_dumps"]]
            execution = runs.execution_config(len(dumps)) if runs is not None else {}
            requests.append(
                dg.RunRequest(
                    run_key=name, partition_key=day, asset_selection=later, tags=REPAIR_TAGS, run_config=execution
                )
            )
    return requests


@dg.sensor(
    job_name="ingest_job",
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Re-runs dumps whose per-dump steps failed or never ran (bounded attempts, exponential backoff).",
)
def repair_sensor(
    context: dg.SensorEvaluationContext, warehouse: WarehouseResource, runs: RunsResource
) -> dg.SensorResult | dg.SkipReason:
    state = json.loads(context.cursor) if context.cursor else {}
    attempts: dict[str, list[float]] = state.get("attempts", {})  # key -> [repair runs made, time of the last]
    given_up: dict[str, int] = state.get("given_up", {})
    active = context.instance.get_runs(dg.RunsFilter(tags={"newswh/warehouse": "writer"}, statuses=_ACTIVE), limit=1)
    if active:
        return dg.SkipReason("a pipeline run is queued or running; looking again after it")
    everything_unfinished = read_unfinished(warehouse)
    if everything_unfinished is None:
        return dg.SkipReason("no warehouse yet")

    now = time.time()
    waiting_for_operator = [dump.file_key for dump in everything_unfinished if dump.check_failed]
    retryable = [dump for dump in everything_unfinished if not dump.check_failed]
    given_up = {key: made for key, made in given_up.items() if key in {dump.file_key for dump in retryable}}
    unfinished = [dump for dump in retryable if dump.file_key not in given_up]
    attempts = {dump.file_key: attempts.get(dump.file_key, [0, now]) for dump in unfinished}  # finished dumps drop out
    due, newly_given_up = [], []
    for dump in unfinished:
        made, last = attempts[dump.file_key]
        if made >= warehouse.repair_max_attempts:
            given_up[dump.file_key] = int(made)
            newly_given_up.append(dump.file_key)
            context.log.error(
                f"gave up on dump {dump.file_key} after {made} repair run(s); see dump_steps for the reason"
            )
        elif now - last >= warehouse.repair_backoff_s * 2**made:
            due.append(dump)
    for key in given_up:
        attempts.pop(key, None)

    requests = repair_requests(due, runs)
    requested_days = {request.partition_key for request in requests}
    for dump in due:
        if arrival_day_key(dump.arrival_day) in requested_days:
            attempts[dump.file_key] = [attempts[dump.file_key][0] + 1, now]
    today = arrival_day_key(datetime.now(UTC).date())
    if newly_given_up:
        # Given-up dumps no longer hold back the analysts' snapshot: a run of the publish step alone
        # (any partition: it publishes the whole lake).
        requests.append(
            dg.RunRequest(
                run_key=f"publish:{today}:{now}",
                partition_key=today,
                asset_selection=[dg.AssetKey("published_dumps")],
                tags=REPAIR_TAGS,
            )
        )
    cursor = json.dumps({"attempts": attempts, "given_up": given_up}, sort_keys=True)
    if requests:
        return dg.SensorResult(run_requests=requests, cursor=cursor)
    waiting = len(unfinished) - len(due)
    reason = f"{waiting} unfinished dump(s) waiting for their backoff" if waiting else "every dump is finished"
    if given_up:
        reason += f"; gave up on {len(given_up)} dump(s): {', '.join(sorted(given_up)[:5])}"
    if waiting_for_operator:
        reason += (
            f"; {len(waiting_for_operator)} dump(s) failed a blocking check and wait for an operator's reload: "
            f"{', '.join(waiting_for_operator[:5])}"
        )
    return dg.SensorResult(skip_reason=reason, cursor=cursor)
