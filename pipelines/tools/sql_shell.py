"""`newswh sql`: the analysts' warehouse, read-only, in Harlequin (a terminal SQL IDE) or as piped SQL.

Interactive: Harlequin (pinned in uv.lock; runs on this project's duckdb) opens the file read-only.
Piped or --execute: the statements run read-only here and each result prints as a table, so scripts and
tests need no terminal.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TextIO

from pipelines.tools.summary import require_warehouse, table_lines
from pipelines.warehouse.connection import warehouse
from pipelines.package_files import CHECKOUT_ROOT
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


def harlequin_command(path: Path) -> list[str]:
    """Harlequin from the same environment as this Python (so it runs with the project's duckdb)."""
    beside = Path(sys.executable).with_name("harlequin")
    program = str(beside) if beside.exists() else shutil.which("harlequin") or "harlequin"
    return [program, "--read-only", "--no-init", str(path)]


def run_statements(path: Path, text: str, out: TextIO | None = None) -> int:
    """Run piped SQL read-only; print each result as a table. Returns the number of statements run."""
    out = out or sys.stdout
    ran = 0
    with warehouse(path, read_only=True) as conn:
        for statement in conn.extract_statements(text):  # DuckDB's own parser: any layout of `;`
            cursor = conn.execute(statement)
            ran += 1
            if cursor.description:
                rows = cursor.fetchall()
                lines = table_lines([c[0] for c in cursor.description], rows)
                out.write("\n".join(lines) + f"\n({len(rows)} row{'' if len(rows) == 1 else 's'})\n\n")
    return ran


def print_search(path: Path, query: str, limit: int, out: TextIO | None = None) -> None:
    """The best `limit` matches of `query` as a table (the query is a bound parameter)."""
    out = out or sys.stdout
    require_warehouse(path)
    with warehouse(path, read_only=True) as conn:
        cursor = conn.execute(sql("reports/search_top"), {"query": query, "limit": limit})
        rows = cursor.fetchall()
        out.write("\n".join(table_lines([c[0] for c in cursor.description], rows)) + f"\n({len(rows)} shown)\n")


def open_shell(path: Path, execute: str | None) -> int:
    require_warehouse(path)
    if execute is not None or not sys.stdin.isatty():
        run_statements(path, execute if execute is not None else sys.stdin.read())
        return 0
    print(f"opening {path} read-only in Harlequin (ctrl+q quits)\n{examples_note()}", flush=True)
    command = harlequin_command(path)
    os.execvp(command[0], command)  # the shell replaces this process
    return 0  # not reached
