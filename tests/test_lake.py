"""The warehouse as a DuckLake: extensions from their packages, old files refused, publishing pins readers to a
snapshot, time travel, `newswh attach-sql` in a plain session, maintenance, and a real PostgreSQL catalog."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from benchmarks.local_postgres import local_postgres, postgres_bin
from pipelines.warehouse.connection import published_snapshot, transaction, warehouse
from pipelines.warehouse.lake import EXTENSIONS, Lake, NoWarehouseError, OldWarehouseError, plain_connection
from pipelines.warehouse.maintenance import maintain
from pipelines.warehouse.migrate import migrate
from pipelines.warehouse.publish import publish
from tests.conftest import ROOT, SAMPLE_LANDING

STEPS = ["articles", "entity_mentions", "article_topics", "search_index", "article_stories"]


@pytest.mark.parametrize("name", EXTENSIONS)
def test_each_extension_loads_from_its_installed_package(name: str) -> None:
    conn = plain_connection(extensions=(name,))
    try:
        loaded = conn.execute("SELECT extension_name, install_mode FROM duckdb_extensions() WHERE loaded").fetchall()
        autoinstall = conn.execute("SELECT current_setting('autoinstall_known_extensions')").fetchone()[0]
    finally:
        conn.close()
    expected = {"sqlite": "sqlite_scanner", "postgres": "postgres_scanner"}.get(name, name)
    # CUSTOM_PATH: installed from the package's file, never from a repository; nothing may be downloaded.
    assert (expected, "CUSTOM_PATH") in loaded
    assert autoinstall is False


def test_an_old_single_file_warehouse_is_named_and_never_opened(tmp_path: Path) -> None:
    old = tmp_path / "news.duckdb"
    conn = duckdb.connect(str(old))
    conn.execute("CREATE TABLE articles (article_id VARCHAR)")
    conn.close()
    before = old.read_bytes()
    with pytest.raises(OldWarehouseError, match="newswh rebuild"):
        warehouse(old).__enter__()
    assert old.read_bytes() == before  # untouched
    shown = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "summary", "--warehouse", str(old)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert shown.returncode == 1 and "single-file DuckDB warehouse" in shown.stderr and "rebuild" in shown.stderr


def _load_probe(conn: duckdb.DuckDBPyConnection, file_key: str, steps_done: list[str]) -> None:
    """A dump row and the steps it finished, as the pipeline would record them."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO dumps (file_key, path, bytes, status, records, parsed, quarantined, "
            "extractor_version, loaded_at) VALUES (?, ?, 0, 'failed', 0, 0, 0, 'test', now())",
            [file_key, file_key],
        ).fetchall()
        for step in steps_done:
            conn.execute(
                "INSERT INTO dump_steps (file_key, step, status, attempts, updated_at) VALUES (?, ?, 'done', 0, now())",
                [file_key, step],
            ).fetchall()


def test_readers_see_the_published_snapshot_and_can_travel_back(tmp_path: Path) -> None:
    lake = Lake.at(tmp_path / "news.sqlite")
    with pytest.raises(NoWarehouseError):
        warehouse(lake, read_only=True).__enter__()
    with warehouse(lake) as conn:
        migrate(conn)
        _load_probe(conn, "a.txt", STEPS)
    first = publish(lake, steps=STEPS, max_attempts=3)
    assert first.published
    with warehouse(lake) as conn:
        _load_probe(conn, "b.txt", STEPS[:2])  # half done: entities finished, topics not yet
    refused = publish(lake, steps=STEPS, max_attempts=3)
    assert not refused.published and "b.txt" in refused.reason
    with warehouse(lake, read_only=True) as conn:
        assert conn.execute("SELECT list(file_key) FROM dumps").fetchone()[0] == ["a.txt"]
    with warehouse(lake) as conn:
        _load_probe(conn, "c.txt", STEPS)
        with transaction(conn):
            conn.execute("UPDATE dump_steps SET status = 'done' WHERE file_key = 'b.txt'").fetchall()
            conn.execute(
                "INSERT INTO dump_steps (file_key, step, status, attempts, updated_at) "
                "SELECT 'b.txt', unnest(?), 'done', 0, now()",
                [STEPS[2:]],
            ).fetchall()
    second = publish(lake, steps=STEPS, max_attempts=3)
    assert second.published and second.snapshot_id > first.snapshot_id
    with warehouse(lake, read_only=True) as conn:
        assert sorted(conn.execute("SELECT list(file_key) FROM dumps").fetchone()[0]) == ["a.txt", "b.txt", "c.txt"]
        assert published_snapshot(conn) == first.snapshot_id  # the pinned snapshot holds the publishes before it
        # Time travel inside one session: a table as it was at the first published snapshot.
        assert conn.execute(f"SELECT count(*) FROM dumps AT (VERSION => {first.snapshot_id})").fetchone()[0] == 1
    with warehouse(lake, read_only=True, snapshot=first.snapshot_id) as conn:
        assert conn.execute("SELECT list(file_key) FROM dumps").fetchone()[0] == ["a.txt"]


@pytest.fixture(scope="module")
def sample_lake(tmp_path_factory: pytest.TempPathFactory) -> Lake:
    """The bundled sample through the real sensor path into a lake."""
    from pipelines.definitions import build_definitions
    from pipelines.orchestration.instance import temporary_instance
    from pipelines.orchestration.runner import ingest_landing

    base = tmp_path_factory.mktemp("sample_lake")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LANDING_DIR", str(SAMPLE_LANDING))
        patch.setenv("WAREHOUSE_PATH", str(base / "news.sqlite"))
        patch.setenv("LANDING_SETTLE_S", "0")
        patch.setenv("REPORT_PATH", str(base / "report.html"))
        with temporary_instance(base / "dagster_home") as instance:
            report = ingest_landing(build_definitions(), instance)
    assert not report.failed_runs and not report.check_failures
    return Lake.at(base / "news.sqlite")


def test_attach_sql_gives_a_plain_duckdb_session_the_warehouse(sample_lake: Lake) -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "attach-sql", "--warehouse", str(sample_lake.catalog_file)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert printed.returncode == 0, printed.stderr
    lines = printed.stdout.strip().splitlines()
    assert lines and all(line.endswith(";") for line in lines)
    assert any("READ_ONLY" in line and "SNAPSHOT_VERSION" in line for line in lines)
    session = duckdb.connect()  # a plain session: DuckDB's defaults, signature checks included
    try:
        for line in lines:
            session.execute(line)
        articles = session.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert articles > 0
        assert session.execute("SELECT count(*) FROM articles_daily").fetchone()[0] > 0  # views
        assert session.execute("SELECT count(*) FROM search_articles('台风')").fetchone()[0] > 0  # the macro
        described = session.execute("SELECT count(*) FROM column_docs WHERE comment IS NOT NULL").fetchone()[0]
        assert described > 100
        comment = session.execute(
            "SELECT comment FROM duckdb_tables() WHERE table_name = 'articles' AND database_name = current_database()"
        ).fetchone()[0]
        assert "grain" in comment
        with pytest.raises(duckdb.Error):  # read-only
            session.execute("DELETE FROM articles")
    finally:
        session.close()
    with warehouse(sample_lake, read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == articles


def test_maintenance_merges_small_files_and_keeps_the_published_snapshot(tmp_path: Path) -> None:
    lake = Lake.at(tmp_path / "news.sqlite")
    with warehouse(lake) as conn:
        migrate(conn)
        for n in range(12):  # twelve small commits: twelve small files (past the inlining limit)
            _load_probe(conn, f"{n:02}.txt", STEPS)
            with transaction(conn):
                conn.execute(
                    "INSERT INTO quarantine BY NAME SELECT ? AS dump_id, range::INTEGER AS record_no, "
                    "'x' AS reason, 0::BIGINT AS byte_start, 0::BIGINT AS byte_end, '' AS raw_text, "
                    "'t' AS extractor_version FROM range(500)",
                    [f"d{n}"],
                ).fetchall()
    published = publish(lake, steps=STEPS, max_attempts=3)
    with warehouse(lake) as conn:
        report = maintain(conn, lake, retention_days=0, file_grace_s=0)
    assert report.after.data_files < report.before.data_files
    assert report.expired_snapshots > 0 and report.after.snapshots < report.before.snapshots
    assert report.after.files_on_disk <= report.before.files_on_disk
    with warehouse(lake, read_only=True) as conn:
        assert conn.execute("SELECT id FROM current_snapshot()").fetchone()[0] == published.snapshot_id
        assert conn.execute("SELECT count(*), count(DISTINCT dump_id) FROM quarantine").fetchone() == (6000, 12)


def test_a_postgresql_catalog_runs_the_pipeline_with_concurrent_writers(tmp_path: Path) -> None:
    if postgres_bin() is None:
        pytest.skip("PostgreSQL is not installed here: `make test` installs it (apt-get install postgresql) as root")
    from pipelines.definitions import build_definitions
    from pipelines.orchestration.instance import temporary_instance
    from pipelines.orchestration.runner import ingest_landing

    with local_postgres() as dsn:
        catalog, data = f"postgres:{dsn}", tmp_path / "shared_data"
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("LANDING_DIR", str(SAMPLE_LANDING))
            patch.setenv("WAREHOUSE_CATALOG", catalog)
            patch.setenv("WAREHOUSE_DATA_PATH", str(data))
            patch.setenv("LANDING_SETTLE_S", "0")
            patch.setenv("REPORT_PATH", str(tmp_path / "report.html"))
            with temporary_instance(tmp_path / "dagster_home") as instance:
                report = ingest_landing(build_definitions(), instance)
        assert not report.failed_runs and not report.check_failures
        lake = Lake.at(catalog, data)
        with warehouse(lake, read_only=True) as conn:
            assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
        assert any(data.rglob("*.parquet"))
        # Two writer processes and a reader at once, on the same catalog: nobody fails, nothing is lost.
        script = (
            "import sys\nfrom pipelines.warehouse.connection import retrying, transaction, warehouse\n"
            "from pipelines.warehouse.lake import Lake\n"
            f"lake = Lake.at({catalog!r}, {str(data)!r})\n"
            "with warehouse(lake) as conn:\n"
            "    for n in range(15):\n"
            "        def work():\n"
            "            with transaction(conn):\n"
            "                conn.execute(\"DELETE FROM quarantine WHERE dump_id = ?\", [f'w{sys.argv[1]}-{n}'])\n"
            '                conn.execute("INSERT INTO quarantine BY NAME SELECT ? AS dump_id, range::INTEGER AS record_no, '
            "'x' AS reason, 0::BIGINT AS byte_start, 0::BIGINT AS byte_end, '' AS raw_text, 't' AS extractor_version "
            "FROM range(100)\", [f'w{sys.argv[1]}-{n}'])\n"
            "        retrying(work)\n"
        )
        reader = (
            "from pipelines.warehouse.connection import warehouse\nfrom pipelines.warehouse.lake import Lake\n"
            f"lake = Lake.at({catalog!r}, {str(data)!r})\n"
            "for _ in range(15):\n"
            "    with warehouse(lake, read_only=True, snapshot='latest') as conn:\n"
            "        conn.execute('SELECT count(*) FROM quarantine').fetchall()\n"
        )
        children = [
            subprocess.Popen([sys.executable, "-c", code, str(n)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
            for n, code in ((1, script), (2, script), (3, reader))
        ]
        errors = [child.communicate(timeout=300)[1] for child in children]
        assert [child.returncode for child in children] == [0, 0, 0], errors
        with warehouse(lake, read_only=True, snapshot="latest") as conn:
            counts = conn.execute(
                "SELECT count(*), count(DISTINCT dump_id) FROM quarantine WHERE dump_id LIKE 'w%'"
            ).fetchone()
        assert counts == (3000, 30)


def test_maintenance_rewrites_files_that_carry_deletes(tmp_path: Path) -> None:
    # Re-runs delete and insert: a data file with deletes is never merged, so maintenance rewrites it first.
    lake = Lake.at(tmp_path / "news.sqlite")
    with warehouse(lake) as conn:
        migrate(conn)
        for n in range(6):
            with transaction(conn):
                conn.execute(
                    "INSERT INTO quarantine BY NAME SELECT ? AS dump_id, range::INTEGER AS record_no, "
                    "'x' AS reason, 0::BIGINT AS byte_start, 0::BIGINT AS byte_end, '' AS raw_text, "
                    "'t' AS extractor_version FROM range(500)",
                    [f"d{n}"],
                ).fetchall()
        for n in range(6):  # a re-run of part of each dump: a delete in every file
            with transaction(conn):
                conn.execute("DELETE FROM quarantine WHERE dump_id = ? AND record_no < 100", [f"d{n}"]).fetchall()
    publish(lake, steps=STEPS, max_attempts=3)
    with warehouse(lake) as conn:
        report = maintain(conn, lake, retention_days=0, file_grace_s=0)
        assert conn.execute("SELECT count(*) FROM quarantine").fetchone()[0] == 6 * 400
    assert report.before.delete_files > 0
    assert report.after.delete_files < report.before.delete_files
    assert report.after.data_files < report.before.data_files
