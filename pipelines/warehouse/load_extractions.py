"""Write entity and topic extractions for a set of articles, replacing earlier ones."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import polars as pl

from pipelines.extract.canonical import canonical_key
from pipelines.extract.entities import EntityFrames
from pipelines.extract.name_resolution import LEARNABLE, learned_pairs
from pipelines.warehouse import aggregates
from pipelines.warehouse.connection import transaction
from pipelines.warehouse.frames import run_file, run_with_frame
from pipelines.warehouse.sql_files import sql


def article_ids_of_files(conn: duckdb.DuckDBPyConnection, file_keys: list[str]) -> list[str]:
    """The run's article ids in order: small (about 20 bytes each) next to the texts they stand for."""
    return [row[0] for row in conn.execute(sql("load/article_ids_of_files"), {"file_keys": file_keys}).fetchall()]


def article_batches(conn: duckdb.DuckDBPyConnection, article_ids: list[str], batch_size: int) -> Iterator[list[dict]]:
    """The articles' texts, `batch_size` at a time, so memory follows the batch and not the run.

    Each batch is read in full before it is handed out: the caller may write on `conn` between batches
    (a pending DuckDB result would be invalidated by its next statement).
    """
    for start in range(0, len(article_ids), batch_size):
        cursor = conn.execute(sql("load/articles_by_id"), {"article_ids": article_ids[start : start + batch_size]})
        columns = [c[0] for c in cursor.description]
        yield [dict(zip(columns, row)) for row in cursor.fetchall()]


def learned_alias_pairs(conn: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], tuple[str, str]]:
    """Short forms linked to exactly one full name in earlier articles: (type, key) -> (entity_id, full form)."""
    rows = conn.execute(sql("load/learned_alias_pairs"), {"reasons": sorted(LEARNABLE)}).fetchall()
    return learned_pairs(
        [(kind, canonical_key(kind, alias), reason, entity, full) for kind, alias, reason, entity, full in rows]
    )


def load_entities(conn: duckdb.DuckDBPyConnection, article_ids: list[str], frames: EntityFrames) -> None:
    """One transaction: the articles' old mentions go, the new ones come, orphans are dropped, day aggregates follow."""
    ids = {"article_ids": article_ids}
    with transaction(conn):
        before = [r[0] for r in conn.execute(sql("load/entities_of_articles"), ids).fetchall()]
        run_file(conn, "load/delete_article_entities", ids)
        run_with_frame(conn, "incoming_entities", frames.entities, "load/merge_entities")
        run_with_frame(conn, "incoming_aliases", frames.aliases, "load/merge_entity_aliases")
        run_with_frame(conn, "incoming_mentions", frames.mentions, "load/insert_entity_mentions")
        run_with_frame(conn, "incoming_amounts", frames.amounts, "load/insert_amounts")
        run_with_frame(conn, "incoming_dates", frames.dates, "load/insert_dates_mentioned")
        touched = sorted(set(before) | set(frames.entities["entity_id"].to_list()))
        if touched:
            run_file(conn, "load/delete_orphan_entities", {"entity_ids": touched})
        days = aggregates.all_days(aggregates.days_of(conn, article_ids))
        aggregates.refresh_days(conn, days, (aggregates.ENTITY_DAYS,))
        aggregates.refresh_tone_days_of_new_mentions(conn, article_ids)  # the sentences the mentions lie in


def load_iptc_topics(
    conn: duckdb.DuckDBPyConnection, article_ids: list[str], topics: pl.DataFrame, assignments: pl.DataFrame
) -> None:
    with transaction(conn):
        run_with_frame(conn, "incoming_topics", topics, "load/merge_topics")
        run_file(conn, "load/delete_iptc_topics_of_articles", {"article_ids": article_ids})
        run_with_frame(conn, "incoming_article_topics", assignments, "load/insert_article_topics")
        days = aggregates.all_days(aggregates.days_of(conn, article_ids))
        aggregates.refresh_days(conn, days, (aggregates.TOPIC_DAYS,))
