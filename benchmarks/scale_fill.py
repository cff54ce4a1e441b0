"""`newswh bench-scale --fill sql`: grow a loaded lake to N copies of itself in place, fast.

A real load of a 44x corpus takes about an hour on a 2-core machine; this replicates the rows a real 1x load wrote,
inside the lake, so the pipeline can then add dumps on top of it the
normal way. Every table with a per-article or per-dump key gets copies 1 .. N-1 of its rows with the key made
distinct (`<key>~<copy>`; integer keys and search document numbers shifted by a stride), so counts, joins and
indexes grow as in a bigger corpus. Dimension tables (entities, topics, terms, theme runs, migrations, publishes) are
left as they are: a bigger corpus of the same news reuses them. The day and term aggregates that the incremental
steps maintain are multiplied by N (the copies are the same texts, so that is exactly what a recount would give),
and so is the corpus size recorded with the latest theme model (as if it had been fitted at Nx).

The copies' texts equal copy 0's, so story bands and search postings repeat per copy: the stories and search steps
of an added dump see N entries per key they share with the corpus (none, for the generated added dumps, whose texts
are new). Pure DuckDB: no Dagster.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.lake import Lake

# Columns whose values identify an article, a dump or a story: made distinct per copy.
DISTINCT_KEYS = ("article_id", "other_id", "cluster_id", "representative_id", "dump_id", "file_key")
# Dimension tables whose rows name the article they were first seen in (provenance, not part of their grain
# (entity_id, alias)): copying them would write each key N times, which the entity step's blocking keys_unique
# check rightly refused at 44x.
DIMENSIONS_WITH_PROVENANCE = ("entity_aliases",)
# Integer columns with a unique constraint of their own: shifted per copy.
SHIFTED_KEYS = ("doc_no",)
# Aggregates kept by the incremental steps: (table, count columns) multiplied by N; absent ones are skipped.
SCALED_COUNTS = {
    "entity_day_counts": ("mentions", "articles"),
    "topic_day_counts": ("articles", "score_sum"),
    "entity_tone_day": ("sentences", "articles", "positive", "negative"),
    "term_document_frequency": ("df",),
    "search_terms": ("df",),
    # The corpus size the latest theme model was fitted at: Nx, or the first add would refit as if the
    # corpus had just grown N-fold and re-theme every article (the refit policy compares with it).
    "theme_runs": ("corpus_articles",),
}
_INTEGER_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}


def _quote(identifier: str) -> str:
    """Identifiers cannot be bound; the names come from the database's own catalog, quoted."""
    return '"' + identifier.replace('"', '""') + '"'


def copy_lake(source: Path, target: Path) -> None:
    """Copy an embedded lake (catalog file and data folder) to `target`, its data folder beside the copy.

    The catalog records its data folder's absolute path (DuckLake's `data_path` option); the copy's is pointed
    at the copied folder. A benchmark tool's shortcut into DuckLake's catalog table, not something the pipeline
    does."""
    source_lake, target_lake = Lake.at(source), Lake.at(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    catalog = sqlite3.connect(source)
    try:
        catalog.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        copied = sqlite3.connect(target)
        try:
            catalog.backup(copied)
            copied.execute("UPDATE ducklake_metadata SET value = ? WHERE key = 'data_path'", [target_lake.data_path])
            copied.commit()
        finally:
            copied.close()
    finally:
        catalog.close()
    shutil.copytree(source_lake.data_path, target_lake.data_path, dirs_exist_ok=True)


def mark_copied_landing_registered(lake_path: Path) -> None:
    """Record the lake's dumps as loaded now, after their landing folder was copied beside the copied lake.

    A copied file has a new inode change time, later than when the original was loaded, so the landing sensor hands
    every copied file over again: at 44x the unmeasured call after the fill reloaded all 1,636 files of copy 0
    (about 40 minutes). A warehouse that had loaded the files where they now are would have them registered after
    that time. A benchmark tool's shortcut, like `copy_lake`, not something the pipeline does."""
    loaded_at = datetime.now(UTC).replace(tzinfo=None)  # dumps.loaded_at is UTC without a zone
    with warehouse(lake_path) as conn:
        conn.execute("UPDATE dumps SET loaded_at = $loaded_at", {"loaded_at": loaded_at}).fetchall()


def fill_copies(lake_path: Path, factor: int) -> dict[str, int]:
    """Replicate the lake's per-article and per-dump rows so it holds `factor` copies; returns the tables
    replicated and their rows after. factor 1 changes nothing. The copies are read from the snapshot before the
    fill (time travel), one copy per transaction, so memory stays that of 1x rows."""
    if factor <= 1:
        return {}
    with warehouse(Lake.at(lake_path), memory_limit="1GB") as conn:
        return _fill(conn, factor)


def _fill(conn: duckdb.DuckDBPyConnection, factor: int) -> dict[str, int]:
    source = int(conn.execute("SELECT id FROM current_snapshot()").fetchone()[0])
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, name, data_type in conn.execute(
        "SELECT c.table_name, c.column_name, c.data_type FROM duckdb_columns() c"
        " JOIN duckdb_tables() t USING (database_name, schema_name, table_name)"
        " WHERE c.database_name = current_database() AND c.schema_name = 'main' ORDER BY c.table_name, c.column_index"
    ).fetchall():
        columns.setdefault(table, []).append((name, data_type))
    replicated = {
        table: cols
        for table, cols in columns.items()
        if table not in DIMENSIONS_WITH_PROVENANCE
        and any(name in DISTINCT_KEYS or name in SHIFTED_KEYS for name, _ in cols)
    }
    strides = _strides(conn, replicated)
    stride_params = {f"stride_{number}": stride for number, stride in enumerate(strides.values())}
    stride_names = {name: f"$stride_{number}" for number, name in enumerate(strides)}
    for copy in range(1, factor):
        conn.execute("BEGIN TRANSACTION").fetchall()
        for table, cols in replicated.items():
            names = ", ".join(_quote(name) for name, _ in cols)
            select = ", ".join(_copied(name, stride_names) for name, _ in cols)
            used = {key: value for key, value in stride_params.items() if f"${key}" in select}
            parameters = {**used, "copy": copy} if "$copy" in select else used
            # The snapshot id is an integer from the catalog itself (AT takes no parameter).
            conn.execute(
                f"INSERT INTO {_quote(table)} ({names}) SELECT {select} FROM {_quote(table)} AS t "
                f"AT (VERSION => {source})",
                parameters,
            ).fetchall()
        conn.execute("COMMIT").fetchall()
    conn.execute("BEGIN TRANSACTION").fetchall()
    for table, counts in SCALED_COUNTS.items():
        present = [name for name, _ in columns.get(table, []) if name in counts]
        if present:
            assignments = ", ".join(f"{_quote(name)} = {_quote(name)} * $factor" for name in present)
            conn.execute(f"UPDATE {_quote(table)} SET {assignments}", {"factor": factor}).fetchall()
    conn.execute("COMMIT").fetchall()
    return {table: conn.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()[0] for table in replicated}


def _strides(conn: duckdb.DuckDBPyConnection, tables: dict[str, list[tuple[str, str]]]) -> dict[str, int]:
    """For each integer key column name: one more than its largest value in any table, so copy k's values
    (value + k * stride) never meet another copy's, and a column shared by two tables maps the same way."""
    strides: dict[str, int] = {}
    for table, cols in tables.items():
        for name, data_type in cols:
            if (name in SHIFTED_KEYS or name in DISTINCT_KEYS) and data_type in _INTEGER_TYPES:
                top = conn.execute(f"SELECT coalesce(max({_quote(name)}), 0) FROM {_quote(table)}").fetchone()[0]
                strides[name] = max(strides.get(name, 1), int(top) + 1)
    return strides


def _copied(name: str, stride_names: dict[str, str]) -> str:
    """The select expression copying one column (strides are bound parameters, named in `stride_names`)."""
    column = f"t.{_quote(name)}"
    if name in stride_names:
        return f"{column} + $copy * {stride_names[name]}"
    if name in DISTINCT_KEYS:
        return f"{column} || '~' || $copy"
    return column
