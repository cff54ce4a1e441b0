"""A small versioned migration runner over sql/schema/NNN_name.sql, plus views.

Each schema file runs once, in version order, inside a transaction, and is recorded in
`schema_migrations`; changing the schema means adding a file, never editing an applied one.
Views are derived objects and are re-created on every run.
"""

from __future__ import annotations

import re

import duckdb

from pipelines.warehouse.connection import transaction
from pipelines.warehouse.sql_files import files_in, sql, statements

_VERSIONED = re.compile(r"^(?P<version>\d{3})_(?P<name>\w+)\.sql$")


def migrate(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply pending migrations and refresh views; return the migrations applied now."""
    for statement in statements(sql("schema/000_schema_migrations")):
        conn.execute(statement).fetchall()
    applied = {row[0] for row in conn.execute("SELECT version FROM schema_migrations").fetchall()}
    ran = []
    for path in files_in("schema"):
        match = _VERSIONED.match(path.name)
        if not match or int(match["version"]) == 0 or int(match["version"]) in applied:
            continue
        with transaction(conn):
            for statement in statements(path.read_text(encoding="utf-8")):
                conn.execute(statement).fetchall()
            conn.execute(sql("load/record_migration"), {"version": int(match["version"]), "name": match["name"]}).fetchall()
        ran.append(path.name)
    for path in files_in("views"):
        for statement in statements(path.read_text(encoding="utf-8")):
            conn.execute(statement).fetchall()
    return ran
