"""`newswh bench-publish`: what publishing costs as the warehouse grows.

Takes a loaded working database (e.g. the bench loaded by `newswh demo`), builds Nx copies of it in
a temp folder (every table's rows repeated N times, in a file of its own), and times `publish` on
each: the copy, check, fsync and rename that every successful run pays.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import duckdb

from pipelines.warehouse.publish import publish


def scaled_copy(source: Path, target: Path, factor: int) -> None:
    """Every table of `source` with its rows repeated `factor` times. Constraints are not copied:
    the file holds the data volume of an Nx warehouse, a little less index space."""
    conn = duckdb.connect(str(target))
    try:
        conn.execute("ATTACH ? AS source (READ_ONLY)", [str(source)]).fetchall()
        tables = [name for (name,) in conn.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'source' AND schema_name = 'main'"
        ).fetchall()]
        for name in tables:
            # Identifiers cannot be bound; these come from the source's own catalog, quoted.
            quoted = '"' + name.replace('"', '""') + '"'
            conn.execute(f"CREATE TABLE {quoted} AS SELECT t.* FROM source.main.{quoted} AS t, range(?)", [factor]).fetchall()
        conn.execute("DETACH source").fetchall()
        conn.execute("CHECKPOINT").fetchall()
    finally:
        conn.close()


def run_bench_publish(working: Path, factors: list[int]) -> int:
    print(f"{'scale':>6} {'file_MB':>9} {'build_s':>8} {'publish_s':>10} {'MB_per_s':>9}")
    for factor in factors:
        with tempfile.TemporaryDirectory(prefix="newswh-bench-publish-") as folder:
            scaled = Path(folder) / "working.duckdb"
            started = time.perf_counter()
            scaled_copy(working, scaled, factor)
            built = time.perf_counter() - started
            # schema_migrations came along, so publish's migrate() is a no-op; dump_steps too (all done).
            report = publish(scaled, Path(folder) / "news.duckdb", steps=[], max_attempts=3)
            megabytes = report.bytes / 1e6
            print(f"{factor:>5}x {megabytes:>9.1f} {built:>8.1f} {report.seconds:>10.2f} {megabytes / report.seconds:>9.0f}")
    return 0
