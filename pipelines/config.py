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


def _float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


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
    report_path: Path
    report_window_days: int
    working_warehouse_path: Path
    landing_settle_s: int
    publish_max_share: float
    step_max_retries: int
    step_retry_delay_s: int
    repair_max_attempts: int
    repair_backoff_s: int
    theme_refit_growth: float
    theme_refit_days: int
    theme_runs_kept: int
    dagster_home: Path = PROJECT_ROOT / ".dagster_home"
    max_dump_bytes: int = 256 * 1024 * 1024
    max_gzip_ratio: int = 200


def settings() -> Settings:
    """Read the environment now (not at import) so tests can monkeypatch it."""
    published = _path("WAREHOUSE_PATH", PROJECT_ROOT / "warehouse" / "news.duckdb")
    return Settings(
        # Where raw dump files arrive; the sensor watches it.
        # Default: landing/ at the repository root, git-ignored; `make demo` seeds it from sample/landing.
        landing_dir=_path("LANDING_DIR", PROJECT_ROOT / "landing"),
        # The analysts' database: a read-only snapshot the pipeline publishes after each successful run.
        warehouse_path=published,
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
        # Where `newswh report` and the analyst_report asset write the HTML report.
        report_path=_path("REPORT_PATH", PROJECT_ROOT / "warehouse" / "report.html"),
        # Days (ending at the last publication day) the report's top people/places/organisations cover.
        report_window_days=_int("REPORT_WINDOW_DAYS", 90),
        # The database the pipeline writes; WAREHOUSE_PATH is the read-only snapshot published from it.
        working_warehouse_path=_path("WORKING_WAREHOUSE_PATH", published.with_name(f"{published.stem}.working.duckdb")),
        # Runs publish at most this share of the time (a publish is deferred while the last one's cost
        # divided by it has not passed); 0 publishes after every successful run whatever it costs.
        publish_max_share=_float("PUBLISH_MAX_SHARE", 0.1),
        # A landing file counts as complete once unchanged between two sensor looks and unmodified this long.
        landing_settle_s=_int("LANDING_SETTLE_S", 2),
        # Dagster step retries (exponential backoff from the delay) for transient failures inside one run.
        step_max_retries=_int("STEP_MAX_RETRIES", 3),
        step_retry_delay_s=_int("STEP_RETRY_DELAY_S", 5),
        # The repair sensor re-runs a dump's unfinished steps this many times, waiting this long
        # (doubling each time) between attempts, then reports it as given up.
        repair_max_attempts=_int("REPAIR_MAX_ATTEMPTS", 3),
        repair_backoff_s=_int("REPAIR_BACKOFF_S", 60),
        # Most bytes one dump may hold once decompressed (plain files: their size); larger ones fail.
        max_dump_bytes=_int("MAX_DUMP_BYTES", 256 * 1024 * 1024),
        # Most a gzip dump may expand (decompressed / compressed, judged past 1 MiB): bombs fail early.
        max_gzip_ratio=_int("MAX_GZIP_RATIO", 200),
        # Discovered themes are refitted when the corpus grew by this fraction since the last fit ...
        theme_refit_growth=_float("THEME_REFIT_GROWTH", 0.2),
        # ... or when the last fit is this many days old; in between, the latest model themes new articles.
        theme_refit_days=_int("THEME_REFIT_DAYS", 7),
        # How many theme-model runs (themes and assignments) the warehouse keeps; older ones are pruned.
        theme_runs_kept=_int("THEME_RUNS_KEPT", 3),
        # The persistent Dagster instance of `make dev` and `newswh ingest` (run history, partitions, cursors).
        dagster_home=_path("DAGSTER_HOME", PROJECT_ROOT / ".dagster_home"),
    )
