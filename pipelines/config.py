"""Every setting the pipeline reads from the environment, declared once.

Defaults work on a laptop from the repository root; `.env.example` lists the same names.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _date(name: str) -> date | None:
    value = os.environ.get(name)
    return date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Settings:
    landing_dir: Path
    warehouse_path: Path
    reference_date: date | None
    max_record_chars: int
    sensor_batch_size: int
    lock_timeout_s: int
    min_published_year: int
    theme_refit_growth: float
    theme_refit_days: int
    theme_runs_kept: int


def settings() -> Settings:
    """Read the environment now (not at import) so tests can monkeypatch it."""
    return Settings(
        # Where raw dump files arrive; the sensor watches it.
        landing_dir=_path("LANDING_DIR", PROJECT_ROOT / "sample" / "landing"),
        warehouse_path=_path("WAREHOUSE_PATH", PROJECT_ROOT / "warehouse" / "news.duckdb"),
        # Forces the reference date used to infer missing years (else path date, manifest, mtime).
        reference_date=_date("REFERENCE_DATE"),
        # Records longer than this are quarantined as `oversized` rather than loaded.
        max_record_chars=_int("MAX_RECORD_CHARS", 200_000),
        # Most dumps one sensor-launched run may carry; a backlog becomes few runs, not thousands.
        sensor_batch_size=_int("SENSOR_BATCH_SIZE", 2_000),
        # How long a writer waits for another process's lock on the DuckDB file before failing.
        lock_timeout_s=_int("WAREHOUSE_LOCK_TIMEOUT_S", 60),
        # Publication dates before this year fail the plausibility check.
        min_published_year=_int("MIN_PUBLISHED_YEAR", 1990),
        # Discovered themes are refitted when the corpus grew by this fraction since the last fit ...
        theme_refit_growth=float(os.environ.get("THEME_REFIT_GROWTH") or 0.2),
        # ... or when the last fit is this many days old; in between, the latest model themes new articles.
        theme_refit_days=_int("THEME_REFIT_DAYS", 7),
        # How many theme-model runs (themes and assignments) the warehouse keeps; older ones are pruned.
        theme_runs_kept=_int("THEME_RUNS_KEPT", 3),
    )
