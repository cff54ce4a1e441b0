"""The repair sensor: finds dumps whose per-dump steps did not all finish and runs them again.

A run can fail after `articles` loaded (a step's retries ran out, the process was killed); the
landing sensor never asks for those files again. This sensor compares Dagster's record of
materialised partitions for every per-dump asset with the registered dumps and, while no ingest
run is queued or running, requests runs for what is missing, with exponential backoff, up to
REPAIR_MAX_ATTEMPTS times per dump. Then it gives up on the dump and says so in its tick; the
dump's `dump_steps` rows keep the failure and the reason for analysts and operators.
"""

from __future__ import annotations

import json
import time

import dagster as dg

from pipelines.config import settings
from pipelines.defs.assets.published import PER_DUMP_STEPS
from pipelines.defs.partitions import dump_partitions

RANGE_START = "dagster/asset_partition_range_start"
RANGE_END = "dagster/asset_partition_range_end"
_ACTIVE = [
    dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING,
]
MAX_RUNS_PER_TICK = 20


def unfinished_partitions(instance: dg.DagsterInstance) -> list[str]:
    """Registered dumps, in registration order, that some per-dump asset (or the publish) lacks."""
    registered = instance.get_dynamic_partitions(dump_partitions.name)
    missing: set[str] = set()
    for asset in [*PER_DUMP_STEPS, "published_dumps"]:
        missing |= set(registered) - instance.get_materialized_partitions(dg.AssetKey(asset))
    return [key for key in registered if key in missing]


def deferred_publish_due(instance: dg.DagsterInstance, now: float) -> bool:
    """The latest publish step deferred itself (to keep publishing cheap) and its wait is over."""
    events = [instance.get_latest_materialization_event(dg.AssetKey(name)) for name in ("published_dumps", "published_corpus")]
    latest = max((event for event in events if event is not None), key=lambda event: event.timestamp, default=None)
    if latest is None:
        return False
    metadata = latest.asset_materialization.metadata
    deferred = "published" in metadata and not metadata["published"].value and "publish_after" in metadata
    return deferred and now >= float(metadata["publish_after"].value)


def contiguous_ranges(ordered: list[str], wanted: list[str]) -> list[tuple[str, str]]:
    """Group `wanted` keys into (first, last) runs of neighbours in `ordered`: one run per range."""
    position = {key: i for i, key in enumerate(ordered)}
    ranges: list[list[str]] = []
    for key in sorted(wanted, key=position.__getitem__):
        if ranges and position[key] == position[ranges[-1][1]] + 1:
            ranges[-1][1] = key
        else:
            ranges.append([key, key])
    return [(first, last) for first, last in ranges]


@dg.sensor(
    job_name="ingest_job",
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Re-runs dumps whose per-dump steps failed or never ran (bounded attempts, exponential backoff).",
)
def repair_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult | dg.SkipReason:
    config = settings()
    state = json.loads(context.cursor) if context.cursor else {}
    attempts: dict[str, list[float]] = state.get("attempts", {})  # key -> [attempts made, time of last look]
    given_up: dict[str, int] = state.get("given_up", {})
    active = context.instance.get_runs(dg.RunsFilter(job_name="ingest_job", statuses=_ACTIVE), limit=1)
    if active:
        return dg.SkipReason("an ingest run is queued or running; looking again after it")

    now = time.time()
    everything_unfinished = unfinished_partitions(context.instance)
    given_up = {key: made for key, made in given_up.items() if key in set(everything_unfinished)}
    unfinished = [key for key in everything_unfinished if key not in given_up]
    attempts = {key: attempts.get(key, [0, now]) for key in unfinished}  # finished dumps drop out
    due, newly_given_up = [], []
    for key in unfinished:
        made, last = attempts[key]
        if made >= config.repair_max_attempts:
            given_up[key] = int(made)
            newly_given_up.append(key)
            context.log.error(f"gave up on dump {key} after {made} repair run(s); see dump_steps for the reason")
        elif now - last >= config.repair_backoff_s * 2**made:
            due.append(key)
    for key in given_up:
        attempts.pop(key, None)

    ordered = context.instance.get_dynamic_partitions(dump_partitions.name)
    requests = []
    for first, last in contiguous_ranges(ordered, due)[:MAX_RUNS_PER_TICK]:
        span = ordered[ordered.index(first) : ordered.index(last) + 1]
        for key in span:
            attempts[key] = [attempts[key][0] + 1, now] if key in attempts else [1, now]
        tags = {"newswh/repair": "true"}
        if first == last:
            requests.append(dg.RunRequest(run_key=f"repair:{first}:{now}", partition_key=first, tags=tags))
        else:
            requests.append(dg.RunRequest(run_key=f"repair:{first}..{last}:{now}", tags={**tags, RANGE_START: first, RANGE_END: last}))
    publish_now = newly_given_up[:1] or (ordered[-1:] if not requests and deferred_publish_due(context.instance, now) else [])
    if publish_now:
        # Given-up dumps no longer hold back the analysts' snapshot, and a deferred publish is due:
        # a run of the publish step alone (any one partition: it publishes the whole database).
        key = publish_now[0]
        requests.append(dg.RunRequest(run_key=f"publish:{key}:{now}", partition_key=key,
                                      asset_selection=[dg.AssetKey("published_dumps")], tags={"newswh/repair": "true"}))
    cursor = json.dumps({"attempts": attempts, "given_up": given_up}, sort_keys=True)
    if requests:
        return dg.SensorResult(run_requests=requests, cursor=cursor)
    waiting = len(unfinished) - len(due)
    reason = f"{waiting} unfinished dump(s) waiting for their backoff" if waiting else "every dump is finished"
    if given_up:
        reason += f"; gave up on {len(given_up)} dump(s): {', '.join(sorted(given_up)[:5])}"
    return dg.SensorResult(skip_reason=reason, cursor=cursor)
