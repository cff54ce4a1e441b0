"""Write the quotations and the tone of a batch of articles, replacing earlier rows of those articles."""

from __future__ import annotations

import duckdb
import polars as pl

from pipelines.quotes.batch import mentions_by_article
from pipelines.quotes.speakers import Mention
from pipelines.warehouse import aggregates
from pipelines.warehouse.connection import transaction
from pipelines.warehouse.frames import run_file, run_with_frame
from pipelines.warehouse.sql_files import sql


def mentions_of_articles(conn: duckdb.DuckDBPyConnection, article_ids: list[str]) -> dict[str, list[Mention]]:
    """The articles' entity mentions, boilerplate (outlet, reporters) left out."""
    rows = conn.execute(sql("load/mentions_of_articles"), {"article_ids": article_ids}).fetchall()
    return mentions_by_article(rows)


def mention_starts_of_articles(conn: duckdb.DuckDBPyConnection, article_ids: list[str]) -> dict[str, list[int]]:
    """Where the articles' mentions (as in `mentions_of_articles`) start: what the tone step needs of them."""
    return dict(conn.execute(sql("load/mention_starts_of_articles"), {"article_ids": article_ids}).fetchall())


def load_quotations(conn: duckdb.DuckDBPyConnection, article_ids: list[str], quotations: pl.DataFrame) -> None:
    """One transaction: the articles' old quotations go, the new ones come (a re-run leaves the same rows)."""
    with transaction(conn):
        run_file(conn, "load/delete_article_quotations", {"article_ids": article_ids})
        run_with_frame(conn, "incoming_quotations", quotations, "load/insert_quotations")


def load_tone(
    conn: duckdb.DuckDBPyConnection, article_ids: list[str], articles: pl.DataFrame, sentences: pl.DataFrame
) -> None:
    """One transaction: the articles' old tone rows go, the new ones come, entity_tone_day follows."""
    with transaction(conn):
        run_file(conn, "load/delete_article_tone", {"article_ids": article_ids})
        run_with_frame(conn, "incoming_article_tone", articles, "load/insert_article_tone")
        run_with_frame(conn, "incoming_sentence_tone", sentences, "load/insert_sentence_tone")
        aggregates.refresh_tone_days(conn, article_ids)
