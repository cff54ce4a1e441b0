"""Dagster wiring: thin assets, checks, sensor and schedule over the pure code."""

import warnings

import dagster as dg

# BackfillPolicy is marked beta; it is what turns a backlog into one run, so we rely on it knowingly.
warnings.filterwarnings("ignore", category=dg.BetaWarning)

from pipelines.defs import sqlite_tuning  # noqa: E402

sqlite_tuning.install()
