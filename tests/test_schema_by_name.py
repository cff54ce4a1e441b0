"""Schema by name: each table's columns are defined once, in its DDL (sql/schema); every frame a loader registers
has exactly those columns, with the DuckDB types the DDL gives, and every load statement inserts BY NAME, so a
column added, reordered or renamed in one place fails here instead of shifting values into the wrong column."""

from __future__ import annotations

import re

import duckdb
import polars as pl
import pytest

from pipelines.extract import entities
from pipelines.ingest import dump
from pipelines.quotes import batch as quote_batch
from pipelines.tone import batch as tone_batch
from pipelines.topics import assign
from pipelines.warehouse import corpus, load_articles, load_stories, load_threads
from pipelines.warehouse.migrate import migrate
from pipelines.warehouse.sql_files import files_in

# (frame schema, table it is inserted into, the table's columns the load SQL fills itself)
FRAMES = [
    (dump.ARTICLE_SCHEMA, "articles", set()),
    (dump.OCCURRENCE_SCHEMA, "article_occurrences", set()),
    (dump.QUARANTINE_SCHEMA, "quarantine", set()),
    (load_articles.DUMP_SCHEMA, "dumps", {"loaded_at"}),  # the time of the upsert
    (entities.MENTION_SCHEMA, "entity_mentions", set()),
    (entities.ENTITY_SCHEMA, "entities", set()),
    (entities.ALIAS_SCHEMA, "entity_aliases", set()),
    (entities.AMOUNT_SCHEMA, "amounts", set()),
    (entities.DATE_SCHEMA, "dates_mentioned", set()),
    (assign.TOPIC_SCHEMA, "topics", set()),
    (assign.ASSIGNMENT_SCHEMA, "article_topics", set()),
    (load_stories.BAND_SCHEMA, "story_bands", set()),
    (load_stories.LINK_SCHEMA, "story_links", set()),
    (load_stories.CLUSTER_SCHEMA, "article_clusters", set()),
    (corpus.TERMS_SCHEMA, "article_terms", set()),
    (quote_batch.QUOTATION_SCHEMA, "quotations", set()),
    (tone_batch.ARTICLE_TONE_SCHEMA, "article_tone", set()),
    (tone_batch.SENTENCE_TONE_SCHEMA, "sentence_tone", set()),
    (load_threads.LINK_SCHEMA, "story_thread_links", set()),
    (load_threads.THREAD_SCHEMA, "story_threads", set()),
]


@pytest.fixture(scope="module")
def conn():
    with duckdb.connect() as connection:
        migrate(connection)
        yield connection


def columns(conn, relation: str) -> dict[str, str]:
    return dict(conn.execute(f"SELECT column_name, column_type FROM (DESCRIBE {relation})").fetchall())


@pytest.mark.parametrize(("schema", "table", "filled_by_sql"), FRAMES, ids=[t for _, t, _ in FRAMES])
def test_frame_columns_and_types_are_the_tables(conn, schema: dict, table: str, filled_by_sql: set[str]) -> None:
    conn.register("incoming_frame", pl.DataFrame(schema=schema))
    try:
        frame = columns(conn, "SELECT * FROM incoming_frame")
    finally:
        conn.unregister("incoming_frame")
    expected = {name: kind for name, kind in columns(conn, table).items() if name not in filled_by_sql}
    assert frame == expected


def insert_statements(text: str) -> list[str]:
    return re.findall(r"\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+\w+[^;]*?(?=\bSELECT\b|\bWITH\b|\bVALUES\b|;)", text, re.I)


@pytest.mark.parametrize(
    ("text", "by_name"),
    [
        ("INSERT INTO t BY NAME SELECT * FROM f;", True),
        ("INSERT OR REPLACE INTO t BY NAME SELECT * FROM f;", True),
        ("INSERT INTO t SELECT a, b FROM f;", False),  # positional
        ("INSERT INTO t (a, b) SELECT a, b FROM f;", False),  # a column list repeats the DDL
        ("INSERT INTO t (a) VALUES ($1);", False),
    ],
)
def test_insert_statements_are_recognised(text: str, by_name: bool) -> None:
    (statement,) = insert_statements(text)
    assert ("BY NAME" in statement.upper()) is by_name


@pytest.mark.parametrize("path", files_in("load"), ids=lambda p: p.stem)
def test_every_load_statement_inserts_by_name(path) -> None:
    text = "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("--")
    )
    for statement in insert_statements(text):
        assert re.search(r"\bBY\s+NAME\b", statement, re.I), f"{path.name}: {statement.strip()}"
