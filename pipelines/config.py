"""Every setting the pipeline reads from the environment, declared once.

Defaults work on a laptop from the repository root; `.env.example` lists the same names.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from pipelines.package_files import CHECKOUT_ROOT, is_checkout
from pipelines.warehouse.lake import Lake

# Default paths (landing/, warehouse/, .dagster_home) lie under the repository root in a checkout, and under the
# current directory where the package was installed from a wheel (site-packages is no place for a warehouse).
PROJECT_ROOT = CHECKOUT_ROOT if is_checkout() else Path.cwd()


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
    landing_settle_s: int
    warehouse_memory_limit: str
    catalog_keeper_idle_s: float
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
    story_max_gap_days: int = 3
    story_teaser_max_gap_days: int = 14
    warehouse_catalog: str = ""
    warehouse_data_path: str = ""
    snapshot_retention_days: float = 7.0
    file_grace_s: int = 3600
    step_processes: int = 1
    parallel_min_files: int = 20
    writer_runs: int = 2
    extract_processes: int = 2
    executor: str = "multiprocess"
    dask_scheduler: str = ""
    dagster_postgres_url: str = ""

    @property
    def lake(self) -> Lake:
        """The warehouse's storage: a PostgreSQL catalog when WAREHOUSE_CATALOG names one, else the SQLite
        catalog file at WAREHOUSE_PATH; data files in WAREHOUSE_DATA_PATH or beside the catalog file."""
        return Lake.at(
            self.warehouse_catalog or self.warehouse_path, self.warehouse_data_path or None, self.catalog_keeper_idle_s
        )

    def with_overrides(self, **changes: object) -> Settings:
        """A copy with some settings replaced (the command line's --landing/--warehouse, the benches' temp
        folders)."""
        return replace(self, **changes)

    def with_warehouse(self, location: str | Path) -> Settings:
        """`--warehouse`: a catalog file path, or a `postgres:` connection string for a server catalog."""
        text = str(location)
        if text.startswith("postgres:"):
            return replace(self, warehouse_catalog=text)
        return replace(self, warehouse_path=Path(text).expanduser().resolve(), warehouse_catalog="")


# Settings a command put in force for this process (`use_settings`); None: read the environment.
_in_force: Settings | None = None


@contextmanager
def use_settings(current: Settings) -> Iterator[Settings]:
    """Make `settings()` return `current` in this process until the block ends, instead of writing os.environ.

    For code that still calls `settings()` itself (the Dagster definitions, until they take settings as
    resources): commands build one Settings object and run inside this block."""
    global _in_force
    previous, _in_force = _in_force, current
    try:
        yield current
    finally:
        _in_force = previous


def settings() -> Settings:
    """The settings in force (`use_settings`), else the environment read now (not at import), so tests can
    monkeypatch it."""
    if _in_force is not None:
        return _in_force
    return from_environment()


def from_environment() -> Settings:
    """Every setting read from the environment, with its default where it is not set."""
    return Settings(
        # Where raw dump files arrive; the sensor watches it.
        # Default: landing/ at the repository root, git-ignored; `make demo` seeds it from sample/landing.
        landing_dir=_path("LANDING_DIR", PROJECT_ROOT / "landing"),
        # The warehouse lake's catalog: a SQLite file (embedded default, WAL mode; its Parquet data folder lies
        # beside it as <name>.files/). Analysts read the snapshot the pipeline last published in it.
        warehouse_path=_path("WAREHOUSE_PATH", PROJECT_ROOT / "warehouse" / "news.sqlite"),
        # A server catalog instead of the SQLite file (cluster mode), as DuckLake's metadata string:
        # postgres:dbname=newswh host=10.0.0.5 user=newswh. Empty: the SQLite file at WAREHOUSE_PATH.
        warehouse_catalog=_str("WAREHOUSE_CATALOG", ""),
        # Where the lake's Parquet files live: a folder every host sees in cluster mode. Empty: beside the
        # catalog file (warehouse/news.files/). Fixed once the lake exists (the catalog records it).
        warehouse_data_path=_str("WAREHOUSE_DATA_PATH", ""),
        # Lake maintenance (the daily lake_maintenance job): snapshots older than this many days are expired
        # (the published one is always kept), so time travel reaches back this far ...
        snapshot_retention_days=_float("SNAPSHOT_RETENTION_DAYS", 7.0),
        # ... and the data files only those snapshots used are deleted once they were unused this long, so a
        # reader still attached to an expired snapshot has that long to finish.
        file_grace_s=_int("LAKE_FILE_GRACE_S", 3600),
        # Forces the reference date used to infer missing years (else path date, manifest, mtime).
        reference_date=_date("REFERENCE_DATE"),
        # Records longer than this are quarantined as `oversized` rather than loaded.
        max_record_chars=_int("MAX_RECORD_CHARS", 200_000),
        # Most dumps one sensor-launched run may carry; a backlog becomes few runs, not thousands.
        sensor_batch_size=_int("SENSOR_BATCH_SIZE", 2_000),
        # How long a writer waits for the lake catalog's lock (another writer committing) before failing.
        lock_timeout_s=_int("WAREHOUSE_LOCK_TIMEOUT_S", 60),
        # Publication dates before this year fail the plausibility check.
        min_published_year=_int("MIN_PUBLISHED_YEAR", 1990),
        # Where `newswh report` and the analyst_report asset write the HTML report.
        report_path=_path("REPORT_PATH", PROJECT_ROOT / "warehouse" / "report.html"),
        # Days (ending at the last publication day) the report's top people/places/organisations cover.
        report_window_days=_int("REPORT_WINDOW_DAYS", 90),
        # DuckDB's buffer pool in pipeline steps (DuckDB's syntax: 512MB, 1GB; empty: DuckDB's default of 80 %
        # of RAM). Beyond it DuckDB spills to disk, so a step's memory does not grow with the warehouse.
        warehouse_memory_limit=_str("WAREHOUSE_MEMORY_LIMIT", "512MB"),
        # An embedded catalog is kept open by a small process until unused this long (0: never), so connections
        # do not meet SQLite's last-close lock, which costs DuckDB's SQLite a whole second (catalog_keeper.py).
        catalog_keeper_idle_s=_float("CATALOG_KEEPER_IDLE_S", 120.0),
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
        # Most days between the publication days of two articles linked as copies of one story (texts identical
        # once normalised, a re-airing, are linked whatever the gap) ...
        story_max_gap_days=_int("STORY_MAX_GAP_DAYS", 3),
        # ... and between a teaser and the full article it was cut from. Re-materialise article_stories after a change.
        story_teaser_max_gap_days=_int("STORY_TEASER_MAX_GAP_DAYS", 14),
        # The persistent Dagster instance of `make dev` and `newswh ingest` (run history, partitions, cursors).
        dagster_home=_path("DAGSTER_HOME", PROJECT_ROOT / ".dagster_home"),
        # Most steps of one run executing at once, each in a process of its own (Dagster's multiprocess executor);
        # steps that need only `articles` commit to the lake concurrently. 1: every step in the run's process.
        # Default 1: measured on the 2-core machine, two step processes made `make bench` 2.1x slower (300.8 s vs
        # 143.2 s wall; docs/deploy.md): concurrent commits conflict and step processes cost CPU to start.
        step_processes=_int("STEP_PROCESSES", 1),
        # A run carrying fewer dump files than this runs all its steps in one process: starting a process per
        # step (about 4 s each) costs more than a small dump's work.
        parallel_min_files=_int("PARALLEL_MIN_FILES", 20),
        # Most runs writing the lake at once (the instance's run queue): a backfill's day runs one at a time
        # beside newly landed files, so a new dump does not wait for the whole backfill.
        writer_runs=_int("MAX_WRITER_RUNS", 2),
        # Worker processes that extract (tag, classify, segment) a step's next batches of articles while the step
        # loads the current one; used when a step has more than one batch. 1: everything in the step's process.
        # Set it to the machine's cores; the tables are the same whatever it is.
        extract_processes=_int("EXTRACT_PROCESSES", 2),
        # Where steps execute: `multiprocess` (this machine) or `dask` (the workers of the Dask scheduler at
        # EXECUTOR_ADDRESS; cluster mode, see docs/deploy.md). Not named DASK_*: Dask reads such variables as its
        # own configuration (DASK_SCHEDULER would change every Dask process's default scheduler).
        executor=_str("EXECUTOR", "multiprocess"),
        dask_scheduler=_str("EXECUTOR_ADDRESS", ""),
        # Dagster's run and event storage in PostgreSQL (cluster mode) instead of SQLite files in DAGSTER_HOME,
        # as a SQLAlchemy URL: postgresql+psycopg2://user:password@host:5432/dagster.
        dagster_postgres_url=_str("DAGSTER_POSTGRES_URL", ""),
    )


# Each setting's environment variable, for handing the settings in force to processes Dagster starts itself
# (step processes, Dask workers): they read the environment, not this process's `use_settings`.
ENVIRONMENT_NAMES = {
    "landing_dir": "LANDING_DIR",
    "warehouse_path": "WAREHOUSE_PATH",
    "warehouse_catalog": "WAREHOUSE_CATALOG",
    "warehouse_data_path": "WAREHOUSE_DATA_PATH",
    "snapshot_retention_days": "SNAPSHOT_RETENTION_DAYS",
    "file_grace_s": "LAKE_FILE_GRACE_S",
    "reference_date": "REFERENCE_DATE",
    "max_record_chars": "MAX_RECORD_CHARS",
    "sensor_batch_size": "SENSOR_BATCH_SIZE",
    "lock_timeout_s": "WAREHOUSE_LOCK_TIMEOUT_S",
    "min_published_year": "MIN_PUBLISHED_YEAR",
    "report_path": "REPORT_PATH",
    "report_window_days": "REPORT_WINDOW_DAYS",
    "warehouse_memory_limit": "WAREHOUSE_MEMORY_LIMIT",
    "catalog_keeper_idle_s": "CATALOG_KEEPER_IDLE_S",
    "landing_settle_s": "LANDING_SETTLE_S",
    "step_max_retries": "STEP_MAX_RETRIES",
    "step_retry_delay_s": "STEP_RETRY_DELAY_S",
    "repair_max_attempts": "REPAIR_MAX_ATTEMPTS",
    "repair_backoff_s": "REPAIR_BACKOFF_S",
    "max_dump_bytes": "MAX_DUMP_BYTES",
    "max_gzip_ratio": "MAX_GZIP_RATIO",
    "theme_refit_growth": "THEME_REFIT_GROWTH",
    "theme_refit_days": "THEME_REFIT_DAYS",
    "theme_runs_kept": "THEME_RUNS_KEPT",
    "story_max_gap_days": "STORY_MAX_GAP_DAYS",
    "story_teaser_max_gap_days": "STORY_TEASER_MAX_GAP_DAYS",
    "dagster_home": "DAGSTER_HOME",
    "step_processes": "STEP_PROCESSES",
    "parallel_min_files": "PARALLEL_MIN_FILES",
    "writer_runs": "MAX_WRITER_RUNS",
    "extract_processes": "EXTRACT_PROCESSES",
    "executor": "EXECUTOR",
    "dask_scheduler": "EXECUTOR_ADDRESS",
    "dagster_postgres_url": "DAGSTER_POSTGRES_URL",
}


def set_in_environment(field: str) -> bool:
    """Whether the setting's variable is set (else its default is in force): `newswh COMMAND --help` says which."""
    return bool(os.environ.get(ENVIRONMENT_NAMES[field]))


def as_environment(current: Settings) -> dict[str, str]:
    """The environment under which `from_environment()` gives `current` back (unset values as empty strings)."""
    return {
        name: "" if getattr(current, field) is None else str(getattr(current, field))
        for field, name in ENVIRONMENT_NAMES.items()
    }


@contextmanager
def exported(current: Settings) -> Iterator[None]:
    """Put `current` into os.environ until the block ends, for the processes Dagster starts in it."""
    environment = as_environment(current)
    previous = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _str(name: str, default: str) -> str:
    return os.environ.get(name) or default


@dataclass(frozen=True)
class TrainingSettings:
    """Settings of `make train-ner` and `make train-topics` only; the pipeline never reads them."""

    ner_data_dir: Path
    ner_algo: str
    ner_max_iter: int
    ner_minfreq: float
    ner_c1: float
    ner_c2: float
    ner_dev_dir: Path
    ner_work_dir: Path
    ner_model_out: Path | None
    ner_limit: int
    topics_data_dir: Path
    topics_bench_dir: Path


def training_settings() -> TrainingSettings:
    shared = PROJECT_ROOT.parent / "shared"  # the training data lies beside the checkout (never in it)
    algo = _str("NER_ALGO", "ap")
    return TrainingSettings(
        # Training data folders (never redistributed with the repository).
        ner_data_dir=_path("NER_DATA_DIR", shared / "datasets" / "ner"),
        topics_data_dir=_path("TOPICS_DATA_DIR", shared / "datasets" / "topics"),
        # Bench dumps the topic trainer scores itself on.
        topics_bench_dir=_path("TOPICS_BENCH_DIR", shared / "bench" / "xwlb-2012-2016"),
        # CRF algorithm: `ap` (averaged perceptron) or `lbfgs`, its epochs, feature cut-off and L-BFGS penalties.
        ner_algo=algo,
        ner_max_iter=_int("NER_MAX_ITER", 20 if algo == "ap" else 60),
        ner_minfreq=_float("NER_MINFREQ", 2.0),
        ner_c1=_float("NER_C1", 0.1),
        ner_c2=_float("NER_C2", 0.01),
        # Held-out dev slices and the intermediate crfsuite file: outside the repository on purpose.
        ner_dev_dir=_path("NER_DEV_DIR", Path("/tmp/ner_dev")),
        ner_work_dir=_path("NER_WORK_DIR", Path("/tmp/ner_work")),
        # Where the trained model goes (default: the committed models/ner/ner_crf.npz).
        ner_model_out=_path("NER_MODEL_OUT", None),
        # Sentences per training set (0 = all): for quick experiments only.
        ner_limit=_int("NER_LIMIT", 0),
    )


def child_environment(**overrides: str) -> dict[str, str]:
    """The environment for a child process (benchmarks run the project's own commands as children): this
    process's environment with `overrides` set, this process's own left unchanged."""
    return {**os.environ, **overrides}
