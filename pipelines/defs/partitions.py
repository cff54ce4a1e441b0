import warnings
from datetime import date, timedelta

import dagster as dg

# One partition per UTC day on which the landing sensor handed files over: years of a busy feed stay a
# few thousand partitions (Dagster advises at most 100 k), however many files arrive. The files of each
# day, and each file's progress, are in the warehouse (landing_arrivals, dump_steps). end_offset=1: today
# is a partition while it is still filling.
arrival_days = dg.DailyPartitionsDefinition(start_date="2025-01-01", timezone="UTC", end_offset=1)


def day_range(context: dg.AssetExecutionContext) -> tuple[date, date]:
    """(first, last) arrival day of the run: one day, or a backfill's range in one run."""
    window = context.partition_time_window  # end is exclusive
    return window.start.date(), (window.end - timedelta(days=1)).date()


def arrival_day_key(when: date) -> str:
    return when.isoformat()


def arrival_day_asset(**kwargs):
    """@dg.asset partitioned by arrival day, whose backfills over a range of days run as one run.

    `backfill_policy` is beta in Dagster 1.13; we rely on it knowingly, so its warning is silenced here,
    for these decorators only (no process-wide filter)."""
    def decorate(fn):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", dg.BetaWarning)
            return dg.asset(partitions_def=arrival_days, backfill_policy=dg.BackfillPolicy.single_run(), **kwargs)(fn)
    return decorate
