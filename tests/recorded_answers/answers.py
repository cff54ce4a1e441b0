"""Every sql/examples answer on a fixed corpus, in a form two storages can be compared by.

`record` ran once against the single-file DuckDB warehouse of the last version before the lake (see README.md
here) and wrote `answers.json`; tests/test_recorded_answers.py builds a lake from the same corpus and requires the
same answers. Standalone on purpose (only duckdb and the standard library), so the old version could run it.
"""

from __future__ import annotations

import argparse
import datetime
import decimal
import json
from pathlib import Path

# table_row_counts' estimated_rows is each storage's own estimate (a DuckDB file counts rows, DuckLake sums file
# statistics), not an answer; its table names and grain comments are compared.
STORAGE_ESTIMATES = {"table_row_counts": {"estimated_rows"}}


def normalise(value: object) -> object:
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [normalise(item) for item in value]
    if isinstance(value, dict):
        return {str(key): normalise(item) for key, item in value.items()}
    return value


def collect(conn, examples: Path) -> dict[str, list[dict]]:
    """Each example's rows as dicts (storage estimates left out), in the query's own order."""
    found = {}
    for path in sorted(examples.glob("*.sql")):
        cursor = conn.execute(path.read_text(encoding="utf-8"))
        names = [d[0] for d in cursor.description]
        skip = STORAGE_ESTIMATES.get(path.stem, set())
        found[path.stem] = [
            {name: normalise(value) for name, value in zip(names, row) if name not in skip} for row in cursor.fetchall()
        ]
    return found


def main() -> None:
    import duckdb

    parser = argparse.ArgumentParser()
    parser.add_argument("--warehouse", required=True, help="the single-file DuckDB warehouse (read only)")
    parser.add_argument("--examples", required=True, help="the sql/examples folder of that version")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    conn = duckdb.connect(args.warehouse, read_only=True)
    try:
        answers = collect(conn, Path(args.examples))
    finally:
        conn.close()
    Path(args.out).write_text(
        json.dumps(answers, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
