"""A small versioned migration runner over sql/schema/NNN_name.sql, plus views.

Each schema file runs once, in version order, and is recorded in `schema_migrations`; changing the schema
means adding a file, never editing an applied one. Views are derived objects, re-created whenever their files
changed. Pending files and views go in one transaction. A lake that is up to date is only read: connecting
commits no snapshot.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime

import duckdb
import polars as pl

from pipelines.warehouse.connection import transaction
from pipelines.warehouse.frames import run_with_frame
from pipelines.warehouse.sql_files import files_in, sql, statements

_VERSIONED = re.compile(r"^(?P<version>\d{3})_(?P<name>\w+)\.sql$")
_VIEW_COLUMN_COMMENT = re.compile(
    r"^COMMENT ON COLUMN (?P<view>\w+)\.(?P<column>\w+|\"[^\"]+\") IS '(?P<text>(?:[^']|'')*)';$", re.S
)


def migrate(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply pending migrations and refresh views that changed, all in one transaction (one lake commit: a new
    lake is built in a fraction of a second instead of one commit per file, and an upgrade is all or nothing);
    return the migrations applied now."""
    try:
        applied = {row[0] for row in conn.execute(sql("load/applied_migrations")).fetchall()}
    except duckdb.CatalogException:
        applied = None
    pending = [
        (path, match)
        for path in files_in("schema")
        if (match := _VERSIONED.match(path.name))
        and int(match["version"]) != 0
        and (applied is None or int(match["version"]) not in applied)
    ]
    digest = views_digest()
    if not pending and conn.execute(sql("load/latest_view_digest")).fetchone()[0] == digest:
        return []  # up to date: nothing is written
    with transaction(conn):
        if applied is None:
            for statement in statements(sql("schema/000_schema_migrations")):
                conn.execute(statement).fetchall()
        for path, match in pending:
            for statement in statements(path.read_text(encoding="utf-8")):
                conn.execute(statement).fetchall()
            conn.execute(
                sql("load/record_migration"), {"version": int(match["version"]), "name": match["name"]}
            ).fetchall()
        if conn.execute(sql("load/latest_view_digest")).fetchone()[0] != digest:
            _recreate_views(conn, digest)
    return [path.name for path, _ in pending]


def _recreate_views(conn: duckdb.DuckDBPyConnection, digest: str) -> None:
    comments = []
    for path in files_in("views"):
        for statement in statements(path.read_text(encoding="utf-8")):
            column_comment = _VIEW_COLUMN_COMMENT.match(statement)
            if column_comment:  # DuckLake keeps no comments on view columns: a table holds them
                comments.append(
                    {
                        "view_name": column_comment["view"],
                        "column_name": column_comment["column"].strip('"'),
                        "comment": column_comment["text"].replace("''", "'"),
                    }
                )
            else:
                conn.execute(statement).fetchall()
    run_with_frame(
        conn,
        "incoming_view_column_comments",
        pl.DataFrame(comments, schema={"view_name": pl.String, "column_name": pl.String, "comment": pl.String}),
        "load/replace_view_column_comments",
    )
    conn.execute(
        sql("load/record_view_digest"), {"digest": digest, "applied_at": datetime.now(UTC).replace(tzinfo=None)}
    ).fetchall()


def views_digest() -> str:
    hasher = hashlib.sha256()
    for path in files_in("views"):
        hasher.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()
