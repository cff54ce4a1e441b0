"""The landing sensor: hand complete new or rewritten dump files to today's arrival-day partition."""

import json
from datetime import datetime, timezone

import dagster as dg

from pipelines.defs.partitions import arrival_day_key
from pipelines.defs.resources import LandingResource, RunsResource
from pipelines.ingest.landing_watch import WatchState, tick


def files_config(file_keys: list[str], runs: RunsResource | None = None) -> dict:
    """Run config that makes the `articles` step load exactly these files (and, given `runs`, executes the run's
    steps in processes of their own when there are enough files to pay for starting them)."""
    execution = runs.execution_config(len(file_keys)) if runs is not None else {}
    return {"ops": {"articles": {"config": {"files": file_keys}}}, **execution}


@dg.sensor(
    job_name="ingest_job",
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Hands dump files that are new or rewritten, and complete (unchanged between two ticks and "
                "settled), to today's arrival-day partition, in runs of at most SENSOR_BATCH_SIZE files.",
)
def landing_sensor(context: dg.SensorEvaluationContext, landing: LandingResource, runs: RunsResource) -> dg.SensorResult:
    state = WatchState.from_json(json.loads(context.cursor) if context.cursor else None)
    result = tick(landing.folder, state, settle_s=landing.settle_s)
    day = arrival_day_key(datetime.now(timezone.utc).date())
    keys = [f.key for f in result.complete]
    run_requests = [
        dg.RunRequest(
            run_key=f"{day}:{chunk[0]}..{chunk[-1]}:{len(chunk)}:{result.state.watermark_ns}",
            partition_key=day,
            run_config=files_config(chunk, runs),
        )
        for chunk in (keys[start : start + landing.batch_size] for start in range(0, len(keys), landing.batch_size))
    ]
    return dg.SensorResult(
        run_requests=run_requests,
        cursor=json.dumps(result.state.to_json(), sort_keys=True),
        skip_reason=None if run_requests else f"no complete new files ({result.waiting} still being written or waiting for a second look)",
    )
