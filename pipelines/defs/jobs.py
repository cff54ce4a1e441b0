import dagster as dg

from pipelines.config import Settings

# Runs that write the working database carry this tag; the instance's run queue lets one run
# with it execute at a time (see pipelines/orchestration/instance.py: RUN_QUEUE), so
# pipeline runs never wait on each other's DuckDB lock either.
WRITER_TAG = {"newswh/warehouse": "writer"}


def retry_policy(config: Settings) -> dg.RetryPolicy:
    """Transient failures (a lock held too long, a full disk freed later) get another try within the run."""
    return dg.RetryPolicy(
        max_retries=config.step_max_retries, delay=config.step_retry_delay_s, backoff=dg.Backoff.EXPONENTIAL,
        jitter=dg.Jitter.PLUS_MINUS,
    )


def build_jobs(config: Settings) -> list:
    policy = retry_policy(config)
    return [
        # Everything that hangs off a dump partition: parse/load, per-article extraction, publish.
        dg.define_asset_job(
            "ingest_job", selection=dg.AssetSelection.groups("ingest", "extract") | dg.AssetSelection.assets("published_dumps"),
            tags=WRITER_TAG, op_retry_policy=policy,
        ),
        # Corpus-wide assets (discovered themes, keywords) refreshed by the daily schedule, then publish.
        dg.define_asset_job(
            "corpus_job", selection=dg.AssetSelection.groups("corpus") | dg.AssetSelection.assets("published_corpus"),
            tags=WRITER_TAG, op_retry_policy=policy,
        ),
    ]
