"""Shared fixtures: real dumps, real DuckDB files in tmp_path, a real Dagster instance."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.orchestration.instance import temporary_instance

ROOT = Path(__file__).resolve().parent.parent
# The bench corpus lives outside the repository (never copied in). NEWSWH_TEST_SHARED points elsewhere, e.g. at a
# missing folder to run the suite as a fresh clone does: then only the tests that need the bench skip, and say so.
SHARED = Path(os.environ.get("NEWSWH_TEST_SHARED") or ROOT.parent / "shared")
BENCH = SHARED / "bench" / "xwlb-2012-2016"
SAMPLE_LANDING = ROOT / "sample" / "landing"
# A dump invented for the end-to-end expectations (tests/fixtures/README.md), in the seed dump's format.
INVENTED_DUMP = ROOT / "tests" / "fixtures" / "landing" / "invented_2025-07-18.txt"


# The test files that take longest (seconds on the 2-core CI machine, stop 30/31 `--durations`), longest first.
# `make test` hands whole files to two workers in collection order; starting these first keeps one worker from
# being left with a five-minute file at the end while the other idles (longest-processing-time-first).
SLOWEST_FILES = (
    "test_cluster.py",  # three ingests: Dask and PostgreSQL with a killed worker, embedded, step processes
    "test_ingest_command.py",
    "test_dagster.py",
    "test_threads.py",
    "test_bench_scale.py",
    "test_theme_reproducibility.py",
    "test_first_hour.py",
    "test_lake_kill.py",
    "test_installed_wheel.py",
    "test_ranking_check.py",
    "test_bounded_memory.py",
    "test_extract_processes.py",  # two ingests of the example corpus (about 45 s)
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: position for position, name in enumerate(SLOWEST_FILES)}
    items.sort(key=lambda item: rank.get(item.path.name, len(SLOWEST_FILES)))  # stable: file order kept otherwise


# What a user keeps in the checkout: no test may write there (issue 26: a test rewrote the user's report).
CHECKOUT_STATE = [ROOT / "warehouse", ROOT / "landing", ROOT / ".dagster_home"]


def fingerprint(folders: list[Path], base: Path = ROOT) -> dict[str, tuple]:
    """Every file and folder under `folders` with its size and modification time (a folder's mtime moves when an
    entry is created, renamed or removed in it)."""
    found: dict[str, tuple] = {}
    for folder in folders:
        if not folder.exists():
            continue
        for path in [folder, *folder.rglob("*")]:
            try:
                info = path.lstat()
            except OSError:  # vanished while listed: the comparison below reports it
                continue
            found[str(path.relative_to(base))] = (info.st_size if path.is_file() else None, info.st_mtime_ns)
    return found


@pytest.fixture(scope="session", autouse=True)
def checkout_left_alone():
    """Fails the run (an error at the last test's teardown) when the checkout's warehouse/, landing/ or
    .dagster_home changed during it, naming what changed; tests work in their tmp_path only."""
    before = fingerprint(CHECKOUT_STATE)
    yield
    after = fingerprint(CHECKOUT_STATE)
    changed = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    assert not changed, f"the tests changed the checkout (they must write under tmp_path only): {changed[:20]}"


@pytest.fixture(scope="session", autouse=True)
def no_catalog_keepers() -> Iterator[None]:
    """No catalog keeper outliving a test's lake by minutes, module and session fixtures' lakes included (a session
    fixture is set up before them); tests/test_catalog_keeper.py starts keepers on purpose."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CATALOG_KEEPER_IDLE_S", "0")
        yield


@pytest.fixture(autouse=True)
def no_settle_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests write their files before the first sensor tick; the settle wait is tested on its own."""
    monkeypatch.setenv("LANDING_SETTLE_S", "0")
    # Every step in the run's own process: a step process costs seconds to start, and runs of 20+ files would pay it
    # in every such test. Steps in processes of their own are tested on purpose in tests/test_cluster.py.
    monkeypatch.setenv("STEP_PROCESSES", "1")


@pytest.fixture
def invented_dump() -> Path:
    return INVENTED_DUMP


@pytest.fixture
def bench_dir() -> Path:
    if not BENCH.exists():
        pytest.skip(f"needs the bench corpus, not present at {BENCH}")
    return BENCH


@pytest.fixture
def landing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A landing folder holding the bundled sample dumps; the environment points at it."""
    folder = tmp_path / "landing"
    shutil.copytree(SAMPLE_LANDING, folder)
    monkeypatch.setenv("LANDING_DIR", str(folder))
    return folder


@pytest.fixture
def warehouse_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The warehouse lake's catalog (its data folder lies beside it); readers get its published snapshot."""
    path = tmp_path / "warehouse" / "test.sqlite"
    monkeypatch.setenv("WAREHOUSE_PATH", str(path))
    monkeypatch.setenv("STEP_RETRY_DELAY_S", "0")
    monkeypatch.setenv("REPAIR_BACKOFF_S", "0")
    monkeypatch.setenv("REPORT_PATH", str(tmp_path / "report.html"))
    return path


@pytest.fixture
def working_path(warehouse_path: Path) -> Path:
    """The same lake: tests read what the pipeline wrote at its latest snapshot (snapshot="latest")."""
    return warehouse_path


@pytest.fixture
def instance(tmp_path: Path):
    """A real Dagster instance (SQLite storage in tmp_path, configured like `make dev`)."""
    with temporary_instance(tmp_path / "dagster_home") as test_instance:
        yield test_instance


EXAMPLES_REPUBLISHED = ROOT / "tests" / "fixtures" / "examples" / "republished_2025-07-17.txt"


@pytest.fixture(scope="session")
def recorded_example_lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples' corpus loaded once per session with the reference date the recorded answers were taken on.
    Read it only, or write inside a transaction that is rolled back."""
    return load_example_corpus(tmp_path_factory.mktemp("recorded"), REFERENCE_DATE="2025-07-18")


def load_example_corpus(base: Path, **settings: str) -> Path:
    """The examples' corpus (the sample, the invented dump and a republished copy of one sample story) through a
    real sensor-driven ingest into a lake under `base`; `settings` are extra environment settings. Returns the
    lake's catalog path."""
    from pipelines.definitions import build_definitions
    from pipelines.orchestration.instance import temporary_instance
    from pipelines.orchestration.runner import ingest_landing

    landing = base / "landing"
    shutil.copytree(SAMPLE_LANDING, landing)
    shutil.copy(INVENTED_DUMP, landing)
    shutil.copy(EXAMPLES_REPUBLISHED, landing)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {
            "LANDING_DIR": str(landing),
            "WAREHOUSE_PATH": str(base / "news.sqlite"),
            "LANDING_SETTLE_S": "0",
            "REPORT_PATH": str(base / "report.html"),
            **settings,
        }.items():
            patch.setenv(name, value)
        with temporary_instance(base / "dagster_home") as instance:
            report = ingest_landing(build_definitions(), instance)
    assert not report.failed_runs and not report.check_failures
    return base / "news.sqlite"
