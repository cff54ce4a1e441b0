"""Print what the warehouse holds: tables with exact row counts, dumps, examples, entities, topics."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from contextlib import closing

from pipelines.config import settings
from pipelines.warehouse.connection import open_warehouse
from pipelines.warehouse.lake import Lake, NoWarehouseError
from pipelines.warehouse.sql_files import sql

# `summary` fits a 120-column terminal: the widest text columns (table descriptions, titles) are cut to fit.
SUMMARY_WIDTH = 120


class MissingWarehouseError(FileNotFoundError):
    """The warehouse lake does not exist yet, or has nothing published."""


def require_warehouse(lake: Lake) -> Lake:
    """The lake, or a one-line explanation of what to do when there is nothing there."""
    lake.refuse_old_format()
    if not lake.exists():
        raise MissingWarehouseError(
            f"no warehouse at {lake.describe()}: run `make demo` first, or point WAREHOUSE_PATH at an existing lake"
        )
    return lake


def published_snapshot_of(conn) -> int:
    """The snapshot a read-only connection is pinned to."""
    return conn.execute(sql("load/current_snapshot")).fetchone()[0]


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A headed section: a title, column headers, then aligned rows."""
    print(f"\n{title}:")
    print("\n".join(table_lines(headers, rows, max_width=SUMMARY_WIDTH)) if rows else "  (none)")


def table_lines(headers: Sequence[str], rows: Sequence[Sequence[object]], max_width: int | None = None) -> list[str]:
    """Column headers, a rule, then the rows; numbers right-aligned, CJK counted as two columns wide. With
    `max_width`, the widest text columns are narrowed (values cut with `…`) until a line fits, numbers never."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    numeric = [bool(rows) and all(isinstance(row[i], (int, float)) for row in rows) for i in range(len(headers))]
    if max_width is not None:
        excess = 2 + sum(widths) + 2 * (len(widths) - 1) - max_width
        for i in sorted((i for i in range(len(widths)) if not numeric[i]), key=lambda i: -widths[i]):
            cut = min(excess, widths[i] - max(_width(headers[i]), MIN_TEXT_WIDTH))
            if excess <= 0 or cut <= 0:
                continue
            widths[i] -= cut
            excess -= cut
        cells = [[_clip(value, width) for value, width in zip(row, widths)] for row in cells]

    def line(values: Sequence[str]) -> str:
        parts = []
        for value, width, num in zip(values, widths, numeric):
            pad = " " * (width - _width(value))
            parts.append(pad + value if num else value + pad)
        return ("  " + "  ".join(parts)).rstrip()

    return [line(list(headers)), line(["-" * w for w in widths])] + [line(row) for row in cells]


MIN_TEXT_WIDTH = 10  # a text column is never narrowed below this (or its header)


def _clip(text: str, width: int) -> str:
    """`text` cut to `width` display columns, ending in `…` when cut."""
    if _width(text) <= width:
        return text
    kept, used = [], 1  # the ellipsis takes one column
    for ch in text:
        used += _width(ch)
        if used > width:
            break
        kept.append(ch)
    return "".join(kept) + "…"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.3f}"
    return str(value)


def print_summary() -> None:
    lake = require_warehouse(settings().lake)
    try:
        conn = open_warehouse(lake, read_only=True)
    except NoWarehouseError as exc:
        raise MissingWarehouseError(str(exc)) from exc
    with closing(conn):
        print(f"warehouse: {lake.describe()}, snapshot {published_snapshot_of(conn)}")
        tables = conn.execute(sql("examples/table_row_counts")).fetchall()
        counted = [
            (name, conn.execute(sql("reports/table_row_count"), {"table": name}).fetchone()[0], comment or "")
            for name, _estimate, comment in tables
        ]
        print_table("tables (exact row counts)", ("table", "rows", "what"), counted)
        print_table(
            "dumps by status",
            ("status", "files", "records", "parsed", "quarantined"),
            conn.execute(sql("examples/dumps_by_status")).fetchall(),
        )
        examples = [
            (article_id, str(published_on), kind, source or "-", title[:40], f"{file_key} {byte_start}..{byte_end}")
            for article_id, published_on, kind, source, title, file_key, byte_start, byte_end in conn.execute(
                sql("examples/sample_articles")
            ).fetchall()
        ]
        print_table(
            "example articles", ("article_id", "published_on", "kind", "source", "title", "from (bytes)"), examples
        )
        print_table(
            "quarantine reasons", ("reason", "records"), conn.execute(sql("examples/quarantine_reasons")).fetchall()
        )
        print_table(
            "top entities",
            ("type", "name", "mentions", "articles"),
            conn.execute(sql("examples/top_entities")).fetchall(),
        )
        print_table(
            "IPTC topics", ("label", "label_zh", "articles"), conn.execute(sql("examples/topic_counts")).fetchall()
        )
