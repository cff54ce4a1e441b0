"""Dagster wiring: thin assets, checks, sensor and schedule over the pure code."""

import os
import warnings

import dagster as dg

from pipelines.defs.event_storage import EVENT_BATCH_SIZE

# Lets Dagster hand a backfill's per-partition events to the event log as batches
# (see event_storage.py); operators can lower it, 0 turns batching off.
os.environ.setdefault("DAGSTER_EVENT_BATCH_SIZE", EVENT_BATCH_SIZE)

# BackfillPolicy is marked beta; it is what turns a backlog into one run, so we rely on it knowingly.
warnings.filterwarnings("ignore", category=dg.BetaWarning)

from pipelines.defs import sqlite_tuning  # noqa: E402

sqlite_tuning.install()
