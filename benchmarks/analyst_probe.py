"""An analyst process for `newswh bench-concurrent`: runs the example queries against the published
lake snapshot in a loop, either on one connection held for its whole life or reconnecting per query,
and checks every snapshot it sees for partial states. Writes its counts as JSON when told to stop."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import duckdb

from pipelines.warehouse.connection import open_warehouse
from pipelines.warehouse.sql_files import files_in, sql


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--warehouse", required=True)
    parser.add_argument("--mode", choices=["hold", "reconnect"], required=True)
    parser.add_argument("--stop-file", required=True, help="the probe stops once this file exists")
    parser.add_argument("--out", required=True)
    parser.add_argument("--pause-s", type=float, default=0.05, help="think time between queries, like a person")
    args = parser.parse_args(argv)
    path, stop = Path(args.warehouse), Path(args.stop_file)
    queries = [(p.stem, p.read_text(encoding="utf-8")) for p in files_in("examples")]
    queries.append(("partial_states", sql("checks/published_partial_states")))
    stats = {
        "mode": args.mode,
        "queries": 0,
        "failed": 0,
        "max_wait_s": 0.0,
        "locked_waits": 0,  # opens that found the catalog locked and retried
        "slowest_opens": [],  # seconds of the five slowest opens (reconnecting analyst)
        "max_query_s": 0.0,
        "partial_states": 0,
        "snapshots_seen": 0,
        "errors": [],
    }
    held = open_warehouse(path, read_only=True) if args.mode == "hold" else None
    seen: set = set()
    locked: list[int] = []
    while not stop.exists():
        for name, query in queries:
            started = time.perf_counter()
            try:
                conn = held or open_warehouse(path, read_only=True, on_wait=lambda _: locked.append(1))
                waited = time.perf_counter() - started
                try:
                    result = conn.execute(query).fetchall()
                    if name == "partial_states":
                        bad = [row for row in result if row[1]]
                        stats["partial_states"] += bool(bad)
                        if bad:
                            stats["errors"].append(f"partial state: {bad}")
                    seen.add(conn.execute(sql("load/current_snapshot")).fetchone()[0])
                finally:
                    if held is None:
                        conn.close()
            except duckdb.Error as exc:
                stats["failed"] += 1
                stats["errors"].append(f"{name}: {exc}"[:300])
                waited = time.perf_counter() - started
            stats["queries"] += 1
            time.sleep(args.pause_s)
            stats["max_wait_s"] = max(stats["max_wait_s"], waited)
            stats["locked_waits"] = len(locked)
            if held is None:
                stats["slowest_opens"] = sorted([*stats["slowest_opens"], round(waited, 3)], reverse=True)[:5]
            stats["max_query_s"] = max(stats["max_query_s"], time.perf_counter() - started)
    stats["snapshots_seen"] = len(seen)
    stats["errors"] = stats["errors"][:10]
    Path(args.out).write_text(json.dumps(stats), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
