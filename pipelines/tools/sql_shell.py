"""`newswh sql`: the analysts' warehouse, read-only, in Harlequin (a terminal SQL IDE) or as piped SQL.

Interactive: Harlequin (pinned in uv.lock; runs on this project's duckdb) starts with an init script that
attaches the lake's published snapshot read-only (`newswh attach-sql`'s statements).
Piped or --execute: the statements run read-only here and each result prints as a table, so scripts and
tests need no terminal.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from pipelines.package_files import CHECKOUT_ROOT
from pipelines.tools.summary import MissingWarehouseError, require_warehouse, table_lines
from pipelines.warehouse.connection import attach_script, warehouse
from pipelines.warehouse.lake import Lake, NoWarehouseError
from pipelines.warehouse.sql_files import SQL_DIR, sql

EXAMPLES = SQL_DIR / "examples"


def examples_note() -> str:
    names = ", ".join(p.stem for p in sorted(EXAMPLES.glob("*.sql")))
    where = EXAMPLES.relative_to(CHECKOUT_ROOT) if EXAMPLES.is_relative_to(CHECKOUT_ROOT) else EXAMPLES
    return (
        f"example queries: {where}/ ({names}); in Harlequin, ctrl+o opens one, "
        "ctrl+j runs the query.\n"
        "search: SELECT * FROM search_articles('台风 南海') LIMIT 20;  schema: SELECT * FROM duckdb_columns();"
    )


def harlequin_command(init_script: Path) -> list[str]:
    """Harlequin from the same environment as this Python (so it runs with the project's duckdb), on an
    in-memory database whose init script attaches the lake read-only and makes it the default."""
    beside = Path(sys.executable).with_name("harlequin")
    program = str(beside) if beside.exists() else shutil.which("harlequin") or "harlequin"
    return [program, "--init-path", str(init_script), ":memory:"]


def write_init_script(lake: Lake, folder: Path) -> Path:
    try:
        statements = attach_script(lake)
    except NoWarehouseError as exc:
        raise MissingWarehouseError(str(exc)) from exc
    script = folder / "newswh-harlequin-init.sql"
    script.write_text("\n".join(statements) + "\n", encoding="utf-8")
    return script


def run_statements(lake: Lake, text: str, out: TextIO | None = None) -> int:
    """Run piped SQL read-only; print each result as a table. Returns the number of statements run."""
    out = out or sys.stdout
    ran = 0
    with warehouse(lake, read_only=True) as conn:
        for statement in conn.extract_statements(text):  # DuckDB's own parser: any layout of `;`
            cursor = conn.execute(statement)
            ran += 1
            if cursor.description:
                rows = cursor.fetchall()
                lines = table_lines([c[0] for c in cursor.description], rows)
                out.write("\n".join(lines) + f"\n({len(rows)} row{'' if len(rows) == 1 else 's'})\n\n")
    return ran


def print_search(lake: Lake, query: str, limit: int, out: TextIO | None = None) -> None:
    """The best `limit` matches of `query` as a table (the query is a bound parameter)."""
    out = out or sys.stdout
    require_warehouse(lake)
    with warehouse(lake, read_only=True) as conn:
        cursor = conn.execute(sql("reports/search_top"), {"query": query, "limit": limit})
        rows = cursor.fetchall()
        out.write("\n".join(table_lines([c[0] for c in cursor.description], rows)) + f"\n({len(rows)} shown)\n")


def open_shell(lake: Lake, execute: str | None) -> int:
    require_warehouse(lake)
    if execute is not None or not sys.stdin.isatty():
        run_statements(lake, execute if execute is not None else sys.stdin.read())
        return 0
    folder = Path(tempfile.mkdtemp(prefix="newswh-sql-"))  # the shell replaces this process: nothing cleans up
    command = harlequin_command(write_init_script(lake, folder))
    print(f"opening {lake.describe()} read-only in Harlequin (ctrl+q quits)\n{examples_note()}", flush=True)
    os.execvp(command[0], command)  # the shell replaces this process
    return 0  # not reached
