"""The landing sensor: register complete dump files as partitions and request few, large runs."""


import json

import dagster as dg

from pipelines.config import settings
from pipelines.defs.partitions import dump_partitions
from pipelines.ingest.landing import complete_files, scan_landing

RANGE_START = "dagster/asset_partition_range_start"
RANGE_END = "dagster/asset_partition_range_end"


@dg.sensor(
    job_name="ingest_job",
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Registers dump files whose size is unchanged between two ticks and loads them in batched runs.",
)
def landing_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    config = settings()
    state = json.loads(context.cursor) if context.cursor else {}
    seen: dict[str, str] = state.get("seen", {})
    loaded: dict[str, str] = state.get("loaded", {})
    current = scan_landing(config.landing_dir)
    complete = complete_files(current, seen, settle_s=config.landing_settle_s)
    known = set(context.instance.get_dynamic_partitions(dump_partitions.name))

    new_keys = [f.key for f in complete if f.key not in known]
    changed_keys = [f.key for f in complete if f.key in known and loaded.get(f.key, f.signature) != f.signature]
    run_requests = []
    batch = config.sensor_batch_size
    # New keys are appended to the partition list in this order, so each batch is one contiguous
    # range: one run (single-run backfill policy) instead of one run per file.
    for start in range(0, len(new_keys), batch):
        chunk = new_keys[start : start + batch]
        run_requests.append(
            dg.RunRequest(
                run_key=f"new:{chunk[0]}..{chunk[-1]}:{len(chunk)}",
                tags={RANGE_START: chunk[0], RANGE_END: chunk[-1]},
            )
        )
    for key in changed_keys:  # rewritten in place: rare, so one run each is fine
        run_requests.append(dg.RunRequest(run_key=f"changed:{key}:{seen[key]}", partition_key=key))

    for f in complete:
        loaded[f.key] = f.signature
    cursor = json.dumps({"seen": {f.key: f.signature for f in current}, "loaded": loaded}, sort_keys=True)
    waiting = len(current) - len(complete)
    return dg.SensorResult(
        run_requests=run_requests,
        dynamic_partitions_requests=[dump_partitions.build_add_request(new_keys)] if new_keys else [],
        cursor=cursor,
        skip_reason=None if run_requests else f"no complete new files ({waiting} still being written or waiting for a second look)",
    )
