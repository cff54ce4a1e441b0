import dagster as dg

# Runs of the whole corpus job (the daily refresh) carry this tag; `newswh ingest` runs only the per-article
# part in between (pipelines/orchestration/runner.py).
DAILY_TAGS = {"newswh/corpus": "daily"}

daily_corpus_refresh = dg.ScheduleDefinition(
    name="daily_corpus_refresh",
    job_name="corpus_job",
    cron_schedule="0 3 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    tags=DAILY_TAGS,
    description="Refreshes corpus-wide assets once a day (keywords and themes of new articles, search index "
    "compaction, the report), then publishes.",
)
