"""`newswh bench-examples`: median latency of every sql/examples query on Nx copies of a warehouse.

Builds an Nx copy of a loaded warehouse in a temp folder (fact tables' rows repeated N times with distinct
article, dump and story ids and search document numbers per copy, so counts, DISTINCTs and joins scale as a
bigger corpus would; entities, topics and terms copied once), migrates it with this checkout's schema and views (which builds any new aggregate
tables from the copied rows), then runs each example query `runs` times and prints the median.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import duckdb

from pipelines.warehouse.migrate import migrate
from pipelines.warehouse.sql_files import files_in

# Keys made distinct per copy (`<key>~<copy>`; copy 0 keeps the original), so each copy is a corpus of its own.
_DISTINCT_KEYS = ("article_id", "other_id", "cluster_id", "dump_id", "file_key")
# Dimension tables: a bigger corpus reuses most entities, topics and terms, so these are copied once.
_ONCE = {"entities", "entity_aliases", "topics", "theme_runs", "search_terms", "term_document_frequency",
         "schema_migrations", "warehouse_publishes"}


def scaled_copy(source: Path, target: Path, factor: int) -> None:
    """Every table of `source`, fact rows repeated `factor` times with distinct ids per copy (search document
    numbers shifted per copy). Constraints are not copied: the file holds the data volume of an Nx warehouse."""
    conn = duckdb.connect(str(target))
    try:
        conn.execute("ATTACH ? AS source (READ_ONLY)", [str(source)]).fetchall()
        tables = conn.execute(
            "SELECT c.table_name, list(c.column_name) FROM duckdb_columns() c"
            " JOIN duckdb_tables() t USING (database_name, schema_name, table_name)"
            " WHERE c.database_name = 'source' AND c.schema_name = 'main' GROUP BY c.table_name"
        ).fetchall()
        stride = conn.execute("SELECT coalesce(max(doc_no), 0) + 1 FROM source.main.search_documents").fetchone()[0]
        for name, columns in tables:
            # Identifiers cannot be bound; these come from the source's own catalog, quoted.
            quoted = '"' + name.replace('"', '""') + '"'
            copies = 1 if name in _ONCE else factor
            replace = [f"CASE WHEN copy = 0 THEN t.{k} ELSE t.{k} || '~' || copy END AS {k}"
                       for k in columns if k in _DISTINCT_KEYS]
            replace += [f"t.doc_no + copy * {int(stride)} AS doc_no" for k in columns if k == "doc_no"]
            select = f"t.* REPLACE ({', '.join(replace)})" if replace else "t.*"
            conn.execute(
                f"CREATE TABLE {quoted} AS SELECT {select} FROM source.main.{quoted} AS t,"
                " (SELECT range AS copy FROM range(?))",
                [copies],
            ).fetchall()
        conn.execute("DETACH source").fetchall()
        migrate(conn)
        conn.execute("CHECKPOINT").fetchall()
    finally:
        conn.close()


def example_latencies(warehouse: Path, runs: int) -> dict[str, float]:
    """Median wall seconds of each sql/examples query (results fetched), on a read-only connection."""
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        conn.execute("SET enable_progress_bar = false").fetchall()
        medians = {}
        for path in files_in("examples"):
            query = path.read_text(encoding="utf-8")
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                conn.execute(query).fetchall()
                times.append(time.perf_counter() - started)
            medians[path.stem] = statistics.median(times)
        return medians
    finally:
        conn.close()


def run_bench_examples(warehouse: Path, factors: list[int], runs: int, keep: Path | None = None) -> int:
    results: dict[int, dict[str, float]] = {}
    for factor in factors:
        with tempfile.TemporaryDirectory(prefix="newswh-bench-examples-") as folder:
            scaled = (keep or Path(folder)) / f"news-{factor}x.duckdb"
            if not scaled.exists():
                scaled_copy(warehouse, scaled, factor)
            conn = duckdb.connect(str(scaled))
            try:
                migrate(conn)  # a kept copy picks up this checkout's migrations and views
                articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            finally:
                conn.close()
            print(f"{factor}x: {articles:,} articles", flush=True)
            results[factor] = example_latencies(scaled, runs)
    names = sorted({name for medians in results.values() for name in medians})
    print(f"{'example (median ms)':<32}" + "".join(f"{str(f) + 'x':>10}" for f in factors))
    for name in names:
        print(f"{name:<32}" + "".join(f"{results[f][name] * 1000:>10.1f}" for f in factors))
    return 0
