"""`newswh bench-examples`: median latency of every sql/examples query on Nx copies of a warehouse.

Copies a loaded lake to a temp folder and grows it to N copies (scale_fill: fact rows repeated with distinct
article, dump and story ids and search document numbers per copy, so counts, DISTINCTs and joins scale as a
bigger corpus would; entities, topics and terms kept once), migrates it with this checkout's schema and views,
publishes it, then runs each example query `runs` times on the published snapshot and prints the median.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.scale_fill import copy_lake, fill_copies
from pipelines.warehouse.connection import open_warehouse
from pipelines.warehouse.connection import warehouse as open_lake
from pipelines.warehouse.lake import Lake
from pipelines.warehouse.migrate import migrate
from pipelines.warehouse.publish import publish
from pipelines.warehouse.sql_files import files_in


def example_latencies(lake_path: Path, runs: int) -> dict[str, float]:
    """Median wall seconds of each sql/examples query (results fetched), on a read-only connection to the
    published snapshot."""
    conn = open_warehouse(lake_path, read_only=True)
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
            scaled = (keep or Path(folder)) / f"news-{factor}x.sqlite"
            if not scaled.exists():
                copy_lake(warehouse, scaled)
                fill_copies(scaled, factor)
            with open_lake(scaled) as conn:
                migrate(conn)  # a kept copy picks up this checkout's migrations and views
                articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            publish(Lake.at(scaled), steps=[], max_attempts=3)
            print(f"{factor}x: {articles:,} articles", flush=True)
            results[factor] = example_latencies(scaled, runs)
    names = sorted({name for medians in results.values() for name in medians})
    print(f"{'example (median ms)':<32}" + "".join(f"{str(f) + 'x':>10}" for f in factors))
    for name in names:
        print(f"{name:<32}" + "".join(f"{results[f][name] * 1000:>10.1f}" for f in factors))
    return 0
