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


# The only files that define these tables (a test holds them so): the compaction re-creates the tables from them.
POSTINGS_DDL = "schema/037_search_postings"
TERMS_DDL = "schema/036_search_terms"


def compact_index(conn: duckdb.DuckDBPyConnection) -> None:
    """Rewrite the postings and the vocabulary in term order, so a query's lookups read few row groups.

    Each table is set aside sorted, dropped and re-created from its DDL, and filled again: emptying 82 M postings by
    DELETE cost 4.5 GB at 1 M articles, and left the old files in the lake beside their deletion files
    (see sql/load/search_set_postings_aside.sql)."""
    with transaction(conn):
        for aside, ddl, restore in (
            ("load/search_set_postings_aside", POSTINGS_DDL, "load/search_restore_sorted_postings"),
            ("load/search_set_terms_aside", TERMS_DDL, "load/search_restore_sorted_terms"),
        ):
            run_file(conn, aside)
            run_file(conn, ddl)
            run_file(conn, restore)
