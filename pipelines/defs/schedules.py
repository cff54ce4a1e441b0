import dagster as dg

from pipelines.defs.jobs import corpus_job

daily_corpus_refresh = dg.ScheduleDefinition(
    name="daily_corpus_refresh",
    job=corpus_job,
    cron_schedule="0 3 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Refreshes corpus-wide assets (discovered themes, keywords) once a day.",
)
