"""Duplicate-key checks: DuckLake has no PRIMARY KEY or UNIQUE, so a blocking asset check per step counts the keys of
the tables it writes that occur more than once. Real lake (the examples' corpus), real check files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipelines.defs.assets.per_dump import KEYS_CHECK, PER_DUMP_STEPS
from pipelines.warehouse.checks import run_check
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.sql_files import SQL_DIR

CHECKS = SQL_DIR / "checks"
KEY_FILES = sorted(CHECKS.glob("duplicate_keys_*.sql"))
# Tables with a key in their grain that no step's duplicate-key check reads, and why.
NOT_CHECKED = {
    "schema_migrations": "written once per migration by the migration runner, inside its own transaction",
    "warehouse_publishes": "one row per publish, keyed by time; nothing deletes and re-inserts it",
    "view_definitions": "written by the migration runner only",
    "view_column_comments": "written by the migration runner only, replaced whole",
    "article_keywords": "corpus step over every article still owed; a whole-table check would cost what the warehouse costs",
    "article_terms": "as article_keywords",
    "term_document_frequency": "as article_keywords",
    "story_recluster": "a work queue: rows are cleared once handled, a repeat only repeats work",
}
# The examples' corpus links no two stories into a thread: give the table one real-looking row to double.
SEED_ROWS = {
    "story_thread_links": "INSERT INTO story_thread_links (cluster_id, other_id, entity_overlap, term_overlap, "
    "threads_version) SELECT min(cluster_id), max(cluster_id), 0.5, 0.5, 'test' "
    "FROM article_clusters",
}
TABLE = re.compile(r"CREATE TABLE IF NOT EXISTS (\w+)")
KEYED_GRAIN = re.compile(r"grain:?\s*[^()]*\(", re.IGNORECASE)


def keyed_tables() -> set[str]:
    """Tables whose DDL states a key in its grain line (one row per ... (key columns))."""
    tables = set()
    for ddl in (SQL_DIR / "schema").glob("*.sql"):
        text = ddl.read_text(encoding="utf-8")
        grain = next((line for line in text.splitlines() if "grain" in line.lower()), "")
        if KEYED_GRAIN.search(grain):
            tables.update(TABLE.findall(text))
    return tables


def test_every_per_dump_step_has_its_duplicate_key_query() -> None:
    for step in PER_DUMP_STEPS:
        assert (CHECKS / f"duplicate_keys_{step}.sql").is_file(), f"step {step} has no duplicate_keys_{step}.sql"


def test_every_keyed_table_is_checked_by_some_step_or_says_why_not() -> None:
    checked = set()
    for path in KEY_FILES:
        checked.update(re.findall(r"SELECT '(\w+)'", path.read_text(encoding="utf-8")))
    tables = keyed_tables()
    assert len(tables) > 25  # the grain parser found the schema's tables
    assert not (tables - checked - set(NOT_CHECKED)), "a keyed table without a duplicate-key check"
    assert not (checked & set(NOT_CHECKED))  # the exemptions stay true


def test_the_key_check_is_blocking_on_every_step() -> None:
    from pipelines.definitions import build_definitions

    blocking = {
        (spec.asset_key.to_user_string(), spec.name): spec.blocking
        for assets_def in build_definitions().resolve_asset_graph().assets_defs
        for spec in assets_def.check_specs
    }
    for step in [*PER_DUMP_STEPS, "discovered_themes"]:
        assert blocking.get((step, KEYS_CHECK)) is True, f"{step} lacks a blocking {KEYS_CHECK}"


def _run_scope(conn) -> dict:
    return {
        "file_keys": [row[0] for row in conn.execute("SELECT file_key FROM dumps").fetchall()],
        "article_ids": [row[0] for row in conn.execute("SELECT article_id FROM articles").fetchall()],
        "model_version": conn.execute("SELECT max(model_version) FROM theme_runs").fetchone()[0] or "",
    }


def _params(path: Path, scope: dict) -> dict:
    text = path.read_text(encoding="utf-8")
    return {key: value for key, value in scope.items() if f"${key}" in text}


@pytest.mark.parametrize("path", KEY_FILES, ids=[p.stem for p in KEY_FILES])
def test_each_checked_table_is_clean_after_a_real_load_and_caught_when_a_row_is_doubled(
    recorded_example_lake: Path, path: Path
) -> None:
    tables = re.findall(r"SELECT '(\w+)'", path.read_text(encoding="utf-8"))
    with warehouse(recorded_example_lake, snapshot="latest") as conn:
        scope = _run_scope(conn)
        assert run_check(conn, f"checks/{path.stem}", _params(path, scope)).violations == 0
        for table in dict.fromkeys(tables):
            conn.execute("BEGIN TRANSACTION")
            try:
                if conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0:
                    conn.execute(SEED_ROWS[table])
                # Doubling every row of the table makes each key the check looks at occur twice.
                conn.execute(f"INSERT INTO {table} SELECT * FROM {table}")  # table name from our own check file
                outcome = run_check(conn, f"checks/{path.stem}", _params(path, scope))
            finally:
                conn.execute("ROLLBACK")
            assert outcome.violations > 0, f"{path.stem} missed a doubled {table}"
            assert {row[0] for row in outcome.examples} == {table}  # only the doubled table, named
