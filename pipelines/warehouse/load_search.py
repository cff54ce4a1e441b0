"""Write the full-text index rows of a batch of articles, replacing what they had."""

from __future__ import annotations

import duckdb
import polars as pl

from pipelines.warehouse.connection import transaction
from pipelines.warehouse.frames import run_file, run_with_frame


def index_articles(conn: duckdb.DuckDBPyConnection, documents: pl.DataFrame, postings: pl.DataFrame) -> None:
    """One transaction: the articles' old index rows (and those of deleted articles) go, the new ones come.

    documents: article_id, length, search_version, title, kind, published_on, source; postings: article_id, term, tf.
    """
    with transaction(conn):
        run_file(conn, "load/search_remove_documents", {"article_ids": documents["article_id"].to_list()})
        conn.register("incoming_search_terms", postings)
        try:
            run_with_frame(conn, "incoming_search_documents", documents, "load/search_insert_documents")
        finally:
            conn.unregister("incoming_search_terms")


def compact_index(conn: duckdb.DuckDBPyConnection) -> None:
    """Rewrite the postings and the vocabulary in term order (sql/load/search_compact_postings.sql and
    search_compact_terms.sql), so a query's lookups read few row groups."""
    with transaction(conn):
        run_file(conn, "load/search_compact_postings")
        run_file(conn, "load/search_compact_terms")
