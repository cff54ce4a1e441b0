"""Loads into a real DuckDB file: idempotency, duplicates, changed files, failures, locks, docs."""

from __future__ import annotations

import gzip
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pipelines.ingest.dump import ingest_dump
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.load_articles import DumpLoadError, load_dumps
from pipelines.warehouse.migrate import migrate
from pipelines.warehouse.sql_files import sql

TABLES = ("dumps", "articles", "article_occurrences", "quarantine")


def snapshot(conn) -> dict[str, list[tuple]]:
    return {t: conn.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


def parse(folder: Path, name: str):
    return ingest_dump(folder / name, name, reference_override=None, max_record_chars=200_000)


def load(conn, folder: Path, *names: str):
    return load_dumps(conn, [parse(folder, n) for n in names])


@pytest.fixture
def conn(tmp_path: Path):
    with warehouse(tmp_path / "w.duckdb") as connection:
        migrate(connection)
        yield connection


def test_migrations_are_a_no_op_the_second_time(conn) -> None:
    assert migrate(conn) == []
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()]
    assert versions == sorted(versions) and versions[0] == 1


def test_reloading_dumps_leaves_every_table_unchanged(conn, landing: Path) -> None:
    names = sorted(p.name for p in landing.iterdir())
    load(conn, landing, *names)
    before = snapshot(conn)
    load(conn, landing, names[0])  # one partition again
    load(conn, landing, *names[1:3])  # two partitions again, in one batch
    load(conn, landing, *reversed(names))  # all of them, other order
    assert snapshot(conn) == before


def test_every_record_is_parsed_or_quarantined(conn, landing: Path) -> None:
    load(conn, landing, *sorted(p.name for p in landing.iterdir()))
    rows = conn.execute(sql("checks/records_reconcile"), {"file_keys": [p.name for p in landing.iterdir()]}).fetchall()
    assert rows == []
    reasons = conn.execute("SELECT reason FROM quarantine ORDER BY reason").fetchall()
    assert reasons == [("empty",), ("no_body",)]


def test_same_bytes_under_another_name_are_a_duplicate(conn, landing: Path) -> None:
    (landing / "copy.txt").write_bytes((landing / "2025-07-17_wire.txt").read_bytes())
    load(conn, landing, "2025-07-17_wire.txt")
    before = snapshot(conn)
    outcome = load(conn, landing, "copy.txt")[0]
    assert (outcome.status, outcome.duplicate_of) == ("duplicate", "2025-07-17_wire.txt")
    after = snapshot(conn)
    assert after["articles"] == before["articles"]
    assert after["article_occurrences"] == before["article_occurrences"]


def test_same_article_in_two_dumps_is_one_article_with_two_occurrences(conn, tmp_path: Path) -> None:
    record = "标题\n央视网消息:同一条快讯...\n"
    (tmp_path / "a.txt").write_text(record, encoding="utf-8")
    (tmp_path / "b.txt").write_text(record + "-\n另一条\n另一条正文...\n", encoding="utf-8")
    load(conn, tmp_path, "a.txt", "b.txt")
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    assert conn.execute("SELECT count(*) FROM article_occurrences").fetchone()[0] == 3


def test_a_changed_file_replaces_its_rows(conn, tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text("旧标题\n旧正文...\n", encoding="utf-8")
    load(conn, tmp_path, "d.txt")
    path.write_text("新标题\n新正文...\n-\n第二条\n正文...\n", encoding="utf-8")
    load(conn, tmp_path, "d.txt")
    titles = [r[0] for r in conn.execute("SELECT title FROM articles ORDER BY title").fetchall()]
    assert titles == ["新标题", "第二条"]
    assert conn.execute("SELECT count(*) FROM dumps").fetchone()[0] == 1


def test_unreadable_file_is_recorded_as_failed_and_others_load(conn, landing: Path) -> None:
    (landing / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00not a gzip stream at all")
    (landing / "binary.txt").write_bytes(bytes(range(256)) * 4)
    outcomes = load(conn, landing, "broken.txt.gz", "binary.txt", "2025-07-17_wire.txt")
    assert [o.status for o in outcomes] == ["failed", "failed", "loaded"]
    failed = conn.execute("SELECT file_key, error FROM dumps WHERE status = 'failed' ORDER BY 1").fetchall()
    assert [f[0] for f in failed] == ["binary.txt", "broken.txt.gz"]
    assert "gzip" in failed[1][1] and "undecodable" in failed[0][1]


def test_missing_file_is_recorded_as_failed(conn, tmp_path: Path) -> None:
    outcome = load(conn, tmp_path, "gone.txt")[0]
    assert outcome.status == "failed" and "No such file" in outcome.error


def test_undecodable_record_is_quarantined_with_its_bytes(conn, tmp_path: Path) -> None:
    raw = "好标题\n好正文...\n-\n坏标题\n".encode() + b"\xff\xfe\xfd bad" + b"\n"
    (tmp_path / "d.txt").write_bytes(raw)
    load(conn, tmp_path, "d.txt")
    reason, start, end = conn.execute("SELECT reason, byte_start, byte_end FROM quarantine").fetchone()
    assert reason == "undecodable" and b"\xff\xfe\xfd" in raw[start:end]


def test_a_failing_batch_falls_back_to_one_transaction_per_dump(conn, landing: Path, monkeypatch) -> None:
    good = parse(landing, "2025-07-17_wire.txt")
    bad = parse(landing, "2025-07-18_gb18030.txt")
    bad.articles = bad.articles.with_columns(
        bad.articles["title"].set(bad.articles["title"] == bad.articles["title"], None)
    )
    with pytest.raises(DumpLoadError, match="2025-07-18_gb18030.txt"):
        load_dumps(conn, [good, bad])
    # the good dump landed in its own transaction; the bad one left nothing behind
    assert conn.execute("SELECT file_key FROM dumps").fetchall() == [("2025-07-17_wire.txt",)]


def test_every_table_and_column_is_documented(conn) -> None:
    tables = conn.execute(
        "SELECT table_name, comment FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'"
    ).fetchall()
    assert tables and all(comment for _, comment in tables), tables
    columns = conn.execute(
        "SELECT table_name, column_name FROM duckdb_columns() c JOIN duckdb_tables() t USING (database_name, schema_name, table_name) WHERE database_name = current_database() AND schema_name = 'main' AND c.comment IS NULL"
        " AND table_name IN (SELECT table_name FROM duckdb_tables())"
    ).fetchall()
    assert columns == []
    readme = (Path(__file__).parent.parent / "sql" / "README.md").read_text(encoding="utf-8")
    for table, _ in tables:
        assert f"`{table}`" in readme, f"{table} missing from sql/README.md"


def test_reference_date_override(conn, landing: Path) -> None:
    dump = ingest_dump(
        landing / "2025-07-17_wire.txt", "x", reference_override=date(2020, 1, 1), max_record_chars=10_000
    )
    assert (dump.reference_date, dump.reference_date_source) == (date(2020, 1, 1), "override")


def test_connection_is_released_after_an_error(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with pytest.raises(ZeroDivisionError), warehouse(path) as connection:
        migrate(connection)
        1 / 0  # noqa: B018 (raises inside the block on purpose)
    # Another process writes at once: the failed block closed its connection and left no transaction open.
    code = (
        "from pipelines.warehouse.connection import warehouse\n"
        f"with warehouse({str(path)!r}, lock_timeout_s=5) as c:\n"
        "    c.execute(\"INSERT INTO view_definitions VALUES ('probe', now())\").fetchall()\nprint('ok')"
    )
    probe = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=Path(__file__).parent.parent
    )
    assert probe.stdout.strip() == "ok", probe.stderr


def test_a_warehouse_from_before_a_migration_is_upgraded(conn, landing: Path) -> None:
    load(conn, landing, "2025-07-17_wire.txt")
    # Put the warehouse back to how migration 013 found it: no version on occurrences.
    conn.execute("ALTER TABLE article_occurrences DROP COLUMN extractor_version").fetchall()
    conn.execute("DELETE FROM schema_migrations WHERE version = 13").fetchall()
    assert migrate(conn) == ["013_versions_on_occurrences_and_aliases.sql"]
    load(conn, landing, "2025-07-17_wire.txt")
    versions = conn.execute("SELECT DISTINCT extractor_version FROM article_occurrences").fetchall()
    from pipelines.ingest.parse import PARSER_VERSION

    assert versions == [(PARSER_VERSION,)]


@pytest.mark.parametrize(
    ("name", "cut"),
    [
        ("cut.txt.gz", lambda raw: gzip.compress(raw)[:-12]),  # gzip stream missing its tail
        ("cut.txt", lambda raw: raw[:-1]),  # plain file cut inside the last character
    ],
)
def test_truncated_file_quarantines_its_incomplete_last_record(conn, tmp_path: Path, name, cut) -> None:
    raw = "第一条\n完整的正文...\n-\n第二条\n被截断的正文正文正文".encode()
    (tmp_path / name).write_bytes(cut(raw))
    outcome = load(conn, tmp_path, name)[0]
    assert (outcome.status, outcome.parsed, outcome.quarantined) == ("loaded", 1, 1)
    assert conn.execute("SELECT reason FROM quarantine").fetchall() == [("truncated",)]
    warning = conn.execute("SELECT warning FROM dumps").fetchone()[0]
    assert warning.startswith("truncated")


def test_a_faulty_dump_first_in_a_batch_does_not_stop_the_others(conn, landing: Path) -> None:
    bad = parse(landing, "2025-07-18_gb18030.txt")
    bad.articles = bad.articles.with_columns(
        bad.articles["title"].set(bad.articles["title"] == bad.articles["title"], None)
    )
    good = parse(landing, "2025-07-17_wire.txt")
    with pytest.raises(DumpLoadError) as error:
        load_dumps(conn, [bad, good])
    assert "2025-07-18_gb18030.txt" in str(error.value)  # the error names the dump that failed
    assert conn.execute("SELECT file_key FROM dumps").fetchall() == [("2025-07-17_wire.txt",)]


@pytest.mark.parametrize("dumps", [1, 3])  # one dump alone, and a batch (loaded whole first)
def test_a_commit_that_conflicted_is_tried_again_and_loads_once(
    conn, landing: Path, monkeypatch: pytest.MonkeyPatch, dumps: int
) -> None:
    # Another run held the lake's catalog at the first try (two runs writing: a backfill beside a new file).
    import duckdb

    from pipelines.warehouse import load_articles

    real, tries = load_articles._load_batch, []

    def locked_once(connection, batch):
        tries.append(len(batch))
        if len(tries) == 1:
            raise duckdb.TransactionException("Failed to commit DuckLake transaction: database is locked")
        return real(connection, batch)

    monkeypatch.setattr(load_articles, "_load_batch", locked_once)
    names = sorted(p.name for p in landing.iterdir())[:dumps]
    outcomes = load(conn, landing, *names)
    assert tries == [dumps, dumps]  # the same batch again, not dump by dump
    assert [o.file_key for o in outcomes] == names
    assert conn.execute("SELECT count(*) FROM dumps").fetchone()[0] == dumps
