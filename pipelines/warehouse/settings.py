"""Per-connection DuckDB settings that a step chooses for its own work (the connection itself is opened elsewhere)."""

from __future__ import annotations

import duckdb


def single_threaded(conn: duckdb.DuckDBPyConnection) -> None:
    """One DuckDB worker thread for this connection.

    For steps whose queries are lookups of one batch's rows by id (quotations, tone, threads): a second worker
    thread only adds scheduling CPU to such small queries. Measured on the bench warehouse (busy 2-core VM):
    updating the threads of 2,000 stories took 0.8 CPU-s with one thread and 1.2 to 1.3 CPU-s with two. Each step
    opens its own connection (a DuckDB instance of its own), so nothing else is slowed.
    """
    conn.execute("SET threads = 1")
