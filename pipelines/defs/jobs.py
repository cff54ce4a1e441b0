import dagster as dg

from pipelines.config import Settings

# Runs that write the lake carry this tag; the instance's run queue lets MAX_WRITER_RUNS of them execute at once
# (pipelines/orchestration/instance.py), and their steps commit to the lake concurrently.
WRITER_TAG = {"newswh/warehouse": "writer"}


def executor(config: Settings) -> dg.ExecutorDefinition:
    """Where the jobs' steps execute. On one machine: Dagster's multiprocess executor, which a run may switch to
    in-process by run config (RunsResource.execution_config). In cluster mode: the Dask scheduler's workers."""
    if config.executor == "dask":
        if not config.dask_scheduler:
            raise ValueError("EXECUTOR=dask needs EXECUTOR_ADDRESS, the scheduler's address (tcp://host:8786)")
        from pipelines.defs.dask_executor import packed_dask_executor

        return packed_dask_executor.configured({"address": config.dask_scheduler})
    if config.executor != "multiprocess":
        raise ValueError(f"EXECUTOR must be multiprocess or dask, not {config.executor!r}")
    return dg.multi_or_in_process_executor


def default_executor(config: Settings) -> dg.ExecutorDefinition:
    """The executor of runs that no job of ours names: a backfill or a materialisation launched from the UI.

    Dagster's default would start a process per step (about 4 s each, more than a small day's work); like the
    sensor's runs, they use STEP_PROCESSES processes (in the run's own process at 1), or the cluster's workers."""
    if config.executor == "dask":
        return executor(config)
    if config.step_processes <= 1:
        return dg.in_process_executor
    return dg.multiprocess_executor.configured({"max_concurrent": config.step_processes})


def retry_policy(config: Settings) -> dg.RetryPolicy:
    """Transient failures (a lock held too long, a full disk freed later) get another try within the run."""
    return dg.RetryPolicy(
        max_retries=config.step_max_retries,
        delay=config.step_retry_delay_s,
        backoff=dg.Backoff.EXPONENTIAL,
        jitter=dg.Jitter.PLUS_MINUS,
    )


def build_jobs(config: Settings) -> list:
    policy = retry_policy(config)
    steps_run_on = executor(config)
    return [
        # Everything that hangs off a dump partition: parse/load, per-article extraction, publish.
        dg.define_asset_job(
            "ingest_job",
            selection=dg.AssetSelection.groups("ingest", "extract") | dg.AssetSelection.assets("published_dumps"),
            tags=WRITER_TAG,
            op_retry_policy=policy,
            executor_def=steps_run_on,
        ),
        # Corpus-wide assets (discovered themes, keywords) refreshed by the daily schedule, then publish.
        dg.define_asset_job(
            "corpus_job",
            selection=dg.AssetSelection.groups("corpus") | dg.AssetSelection.assets("published_corpus"),
            tags=WRITER_TAG,
            op_retry_policy=policy,
            executor_def=steps_run_on,
        ),
    ]
