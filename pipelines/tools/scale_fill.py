"""`newswh bench-scale --fill sql`: grow a loaded working database to N copies of itself in place, fast.

A real load of a 44x corpus takes about an hour on a 2-core machine; this replicates the rows a real 1x load wrote,
inside the working database with its constraints and indexes, so the pipeline can then add dumps on top of it the
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
import tempfile
from pathlib import Path

import duckdb

# Columns whose values identify an article, a dump or a story: made distinct per copy.
DISTINCT_KEYS = ("article_id", "other_id", "cluster_id", "representative_id", "dump_id", "file_key")
# Integer columns with a unique constraint of their own: shifted per copy.
SHIFTED_KEYS = ("doc_no",)
# Aggregates kept by the incremental steps: (table, count columns) multiplied by N; absent ones are skipped.
SCALED_COUNTS = {
    "entity_day_counts": ("mentions", "articles"),
    "topic_day_counts": ("articles", "score_sum"),
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


def fill_copies(working: Path, factor: int) -> dict[str, int]:
    """Replicate `working`'s per-article and per-dump rows so it holds `factor` copies; returns the tables
    replicated and their rows after. factor 1 changes nothing."""
    if factor <= 1:
        return {}
    with tempfile.TemporaryDirectory(prefix="newswh-fill-", dir=working.parent) as folder:
        source = Path(folder) / "source.duckdb"
        shutil.copyfile(working, source)  # the 1x rows to copy from, unchanged while copies are inserted
        wal = working.with_name(working.name + ".wal")
        if wal.exists():
            shutil.copyfile(wal, source.with_name(source.name + ".wal"))
        conn = duckdb.connect(str(working))
        try:
            conn.execute("ATTACH ? AS source (READ_ONLY)", [str(source)]).fetchall()
            return _fill(conn, factor)
        finally:
            conn.close()


def _fill(conn: duckdb.DuckDBPyConnection, factor: int) -> dict[str, int]:
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, name, data_type in conn.execute(
        "SELECT c.table_name, c.column_name, c.data_type FROM duckdb_columns() c"
        " JOIN duckdb_tables() t USING (database_name, schema_name, table_name)"
        " WHERE c.database_name = 'source' AND c.schema_name = 'main' ORDER BY c.table_name, c.column_index"
    ).fetchall():
        columns.setdefault(table, []).append((name, data_type))
    replicated = {table: cols for table, cols in columns.items()
                  if any(name in DISTINCT_KEYS or name in SHIFTED_KEYS for name, _ in cols)}
    strides = _strides(conn, replicated)
    stride_params = {f"stride_{number}": stride for number, stride in enumerate(strides.values())}
    stride_names = {name: f"$stride_{number}" for number, name in enumerate(strides)}
    for copy in range(1, factor):
        conn.execute("BEGIN TRANSACTION").fetchall()  # one copy at a time: memory stays that of 1x rows
        for table, cols in replicated.items():
            names = ", ".join(_quote(name) for name, _ in cols)
            select = ", ".join(_copied(name, stride_names) for name, _ in cols)
            used = {key: value for key, value in stride_params.items() if f"${key}" in select}
            parameters = {**used, "copy": copy} if "$copy" in select else used
            conn.execute(
                f"INSERT INTO main.{_quote(table)} ({names}) SELECT {select} FROM source.main.{_quote(table)} AS t",
                parameters,
            ).fetchall()
        conn.execute("COMMIT").fetchall()
    for table, counts in SCALED_COUNTS.items():
        present = [name for name, _ in columns.get(table, []) if name in counts]
        if present:
            assignments = ", ".join(f"{_quote(name)} = {_quote(name)} * $factor" for name in present)
            conn.execute(f"UPDATE main.{_quote(table)} SET {assignments}", {"factor": factor}).fetchall()
    conn.execute("DETACH source").fetchall()
    conn.execute("CHECKPOINT").fetchall()
    return {table: conn.execute(f"SELECT count(*) FROM main.{_quote(table)}").fetchone()[0] for table in replicated}


def _strides(conn: duckdb.DuckDBPyConnection, tables: dict[str, list[tuple[str, str]]]) -> dict[str, int]:
    """For each integer key column name: one more than its largest value in any table, so copy k's values
    (value + k * stride) never meet another copy's, and a column shared by two tables maps the same way."""
    strides: dict[str, int] = {}
    for table, cols in tables.items():
        for name, data_type in cols:
            if (name in SHIFTED_KEYS or name in DISTINCT_KEYS) and data_type in _INTEGER_TYPES:
                top = conn.execute(f"SELECT coalesce(max({_quote(name)}), 0) FROM source.main.{_quote(table)}").fetchone()[0]
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
