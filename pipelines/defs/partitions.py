import warnings
from datetime import date, timedelta

import dagster as dg

# One partition per UTC day on which the landing sensor handed files over: years of a busy feed stay a
# few thousand partitions (Dagster advises at most 100 k), however many files arrive. The files of each
# day, and each file's progress, are in the warehouse (landing_arrivals, dump_steps). end_offset=1: today
# is a partition while it is still filling.
arrival_days = dg.DailyPartitionsDefinition(start_date="2025-01-01", timezone="UTC", end_offset=1)


def day_range(context: dg.AssetExecutionContext) -> tuple[date, date]:
    """(first, last) arrival day of the run: one day, or the range of a run launched over several days."""
    window = context.partition_time_window  # end is exclusive
    return window.start.date(), (window.end - timedelta(days=1)).date()


ONE_DAY_PER_RUN = dg.BackfillPolicy.multi_run(max_partitions_per_run=1)


def arrival_day_key(when: date) -> str:
    return when.isoformat()


def arrival_day_asset(**kwargs):
    """@dg.asset partitioned by arrival day; a backfill over a range of days is one run per day.

    Per-day runs go through the run queue (orchestration/instance.py: at most MAX_WRITER_RUNS writers, a backfill's
    days one at a time below that), so a file landing during a long backfill gets its own run at once; each day is
    retried and re-run on its own. An operator can still launch one run over a range (range tags) by hand.

    `backfill_policy` is beta in Dagster 1.13; we rely on it knowingly, so its warning is silenced here,
    for these decorators only (no process-wide filter)."""

    def decorate(fn):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", dg.BetaWarning)
            return dg.asset(partitions_def=arrival_days, backfill_policy=ONE_DAY_PER_RUN, **kwargs)(fn)

    return decorate
