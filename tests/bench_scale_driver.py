"""Stand-in for `newswh ingest` / `newswh publish` in the `bench-scale` smoke test (test_bench_scale.py).

The real commands start Dagster and the models: 10 to 20 CPU-s per call, and the tool makes a dozen calls. This
one loads the landing folder's new files with the project's own parser and loader (no extraction, no Dagster) and
publishes with the project's publish, so the tool's orchestration, measurement, SQL fill and table run for real on
real warehouse files in seconds. The real commands are what `make bench-scale` measures.
"""

from __future__ import annotations

import sys

from pipelines.config import settings
from pipelines.ingest.dump import ingest_dump
from pipelines.ingest.landing import scan_landing
from pipelines.warehouse.connection import warehouse
from pipelines.warehouse.load_articles import load_dumps
from pipelines.warehouse.migrate import migrate
from pipelines.warehouse.publish import publish


def main(command: str) -> int:
    config = settings()
    if command == "ingest":
        with warehouse(config.lake) as conn:
            migrate(conn)
            known = {key for (key,) in conn.execute("SELECT file_key FROM dumps").fetchall()}
            new = [f for f in scan_landing(config.landing_dir) if f.key not in known]
            if not new:
                print("nothing new")  # as `newswh ingest` says it; the tool's table looks for it
            load_dumps(
                conn,
                [
                    ingest_dump(
                        config.landing_dir / f.key,
                        f.key,
                        reference_override=None,
                        max_record_chars=config.max_record_chars,
                        landing_root=config.landing_dir,
                    )
                    for f in new
                ],
            )
    elif command != "publish":
        return 2
    report = publish(config.lake, steps=[], max_attempts=3)
    return 0 if report.published else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
