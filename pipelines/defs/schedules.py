import dagster as dg

daily_corpus_refresh = dg.ScheduleDefinition(
    name="daily_corpus_refresh",
    job_name="corpus_job",
    cron_schedule="0 3 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Refreshes corpus-wide assets (discovered themes, keywords) once a day, then publishes.",
)
