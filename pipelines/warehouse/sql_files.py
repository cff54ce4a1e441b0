"""Read SQL statements from the project's sql/ folder."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pipelines.package_files import sql_dir

SQL_DIR = sql_dir()


@cache
def sql(name: str) -> str:
    """`sql("load/merge_articles")` -> text of sql/load/merge_articles.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def statements(text: str) -> list[str]:
    """Split a file into statements on `;` at line ends (our files keep one statement per `;`)."""
    parts, current = [], []
    for line in text.splitlines():
        if line.strip().startswith("--") and not current:
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            statement = "\n".join(current).strip()
            if statement.strip(";").strip():
                parts.append(statement)
            current = []
    tail = "\n".join(current).strip()
    if tail:
        parts.append(tail)
    return parts


def files_in(folder: str) -> list[Path]:
    return sorted((SQL_DIR / folder).glob("*.sql"))
