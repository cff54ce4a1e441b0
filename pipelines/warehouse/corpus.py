"""Incremental corpus state: article terms, document frequencies, keywords and theme-model runs.

Every function works on what is new since the last call and streams articles in fixed-size batches
(`fetchmany` on a second cursor), so the cost and the memory of a corpus run follow the new data,
not the size of the warehouse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

import duckdb
import polars as pl

from pipelines.fanout import WorkerPool, computed_ahead
from pipelines.topics.keyword_context import CANDIDATE_WINDOW, FEATURES, TermColumns, filter_model
from pipelines.topics.keywords import MIN_SPECIFICITY_MENTIONED_ONCE, ONCE_MENTIONED_WORD_FACTOR
from pipelines.topics.terms import term_specificity
from pipelines.topics.worthiness import min_worthiness, term_worthiness
from pipelines.warehouse.connection import cursor, transaction
from pipelines.warehouse.frames import run_file, run_with_frame
from pipelines.warehouse.sql_files import sql

SPECIFICITY_SCHEMA = {"term": pl.String, "specificity": pl.Float64, "worthiness": pl.Float64}
TERMS_SCHEMA = {
    "article_id": pl.String,
    "terms": pl.List(pl.String),
    "counts": pl.List(pl.Int32),
    "named": pl.List(pl.Boolean),
    "inside_longer": pl.List(pl.Boolean),
    "first_at": pl.List(pl.Float32),
    "glued_right": pl.List(pl.Float32),
    "tokenizer_version": pl.String,
}


def stream(conn: duckdb.DuckDBPyConnection, query: str, params: dict | None, batch_size: int) -> Iterator[list[tuple]]:
    """Rows of a query in batches, read on a separate cursor so the caller can write between batches."""
    reader = cursor(conn)
    try:
        reader.execute(sql(query), params or {})
        while rows := reader.fetchmany(batch_size):
            yield rows
    finally:
        reader.close()


def corpus_size(conn: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(tokenised articles, distinct terms)."""
    articles, terms = conn.execute(sql("load/corpus_term_stats")).fetchone()
    return int(articles), int(terms)


def update_article_terms(
    conn: duckdb.DuckDBPyConnection,
    tokenizer_version: str,
    tokenize: Callable[[str | None, str | None, list], TermColumns],
    batch_size: int,
    specificity: Callable[[str], float] = term_specificity,
    pool: WorkerPool | None = None,
    on_broken: Callable[[str], None] | None = None,
) -> tuple[int, int]:
    """Retire term rows of deleted articles (or of another tokenizer), then tokenise the new articles once each
    (the next batches in `pool`'s workers, if given, while this one is loaded; `tokenize` must then be picklable;
    `on_broken` hears of workers given up).

    Returns (articles retired, articles tokenised). Each batch is one transaction: its terms, its document
    frequency increments and the specificity of the terms it brought land together, so an interrupted run neither
    loses nor double-counts an article.
    """
    before, _ = corpus_size(conn)
    with transaction(conn):
        run_file(conn, "load/retire_article_terms", {"tokenizer_version": tokenizer_version})
        fill_term_specificity(conn, specificity)  # rows older than the specificity column
    retired = before - corpus_size(conn)[0]
    tokenised = 0
    jobs = (
        (rows, (rows, tokenize, tokenizer_version))
        for rows in stream(conn, "load/articles_to_tokenise", None, batch_size)
    )
    for rows, frame in computed_ahead(terms_frame, jobs, pool, pool.processes if pool else 0, on_broken):
        with transaction(conn):
            run_with_frame(conn, "incoming_article_terms", frame, "load/insert_article_terms")
            fill_term_specificity(conn, specificity)
        tokenised += len(rows)
    return retired, tokenised


def terms_frame(
    rows: list[tuple], tokenize: Callable[[str | None, str | None, list], TermColumns], tokenizer_version: str
) -> pl.DataFrame:
    """The article_terms rows of (article_id, title, body, entity spans) rows; pure, so it may run in a worker."""
    # built column by column: a frame of row dicts with six list columns converts markedly slower
    columns: dict[str, list] = {name: [] for name in TERMS_SCHEMA}
    for article_id, title, body, spans in rows:
        columns["article_id"].append(article_id)
        for name, values in tokenize(title, body, [tuple(s) for s in spans or ()])._asdict().items():
            columns[name].append(values)
    columns["tokenizer_version"] = [tokenizer_version] * len(rows)
    return pl.DataFrame(columns, schema=TERMS_SCHEMA)


def fill_term_specificity(conn: duckdb.DuckDBPyConnection, specificity: Callable[[str], float]) -> int:
    """Store the specificity and keyword worthiness of every term that lacks them (the new vocabulary of a batch);
    returns how many."""
    terms = [term for (term,) in conn.execute(sql("load/terms_without_specificity")).fetchall()]
    frame = pl.DataFrame(
        {
            "term": terms,
            "specificity": [specificity(t) for t in terms],
            "worthiness": [term_worthiness(t) for t in terms],
        },
        schema=SPECIFICITY_SCHEMA,
    )
    run_with_frame(conn, "incoming_term_specificity", frame, "load/set_term_specificity")
    return len(terms)


def insert_new_keywords(
    conn: duckdb.DuckDBPyConnection,
    model_version: str,
    top_k: int,
    specificity: Callable[[str], float] = term_specificity,
) -> int:
    """Keywords for the tokenised articles that have none, against the current document frequencies; keywords of
    another model version are retired first, with the term scores they were made from, and recomputed."""
    with transaction(conn):
        run_file(conn, "load/retire_keywords_of_other_versions", {"model_version": model_version})
        fill_term_specificity(conn, specificity)
        before = conn.execute("SELECT count(*) FROM article_keywords").fetchone()[0]
        model = filter_model()
        run_file(
            conn,
            "load/insert_new_article_keywords",
            {
                "model_version": model_version,
                "top_k": top_k,
                "min_specificity_once": MIN_SPECIFICITY_MENTIONED_ONCE,
                "once_factor": ONCE_MENTIONED_WORD_FACTOR,
                "min_worthiness": min_worthiness(),
                "window": CANDIDATE_WINDOW,
                "threshold": model["threshold"],
                "intercept": model["intercept"],
                **{f"w_{name}": model["weights"][name] for name in FEATURES},
            },
        )
        return conn.execute("SELECT count(*) FROM article_keywords").fetchone()[0] - before


@dataclass(frozen=True)
class ThemeRunRow:
    model_version: str
    run_no: int
    created_at: datetime
    corpus_articles: int
    model: bytes


def latest_theme_run(conn: duckdb.DuckDBPyConnection) -> ThemeRunRow | None:
    row = conn.execute(sql("load/latest_theme_run")).fetchone()
    return ThemeRunRow(*row) if row else None


def theme_fit_sample(
    conn: duckdb.DuckDBPyConnection, limit: int
) -> tuple[list[str], list[tuple[list[str], list[int]]]]:
    rows = conn.execute(sql("load/theme_fit_sample"), {"limit": limit}).fetchall()
    return [r[0] for r in rows], [(list(r[1]), list(r[2])) for r in rows]


def save_theme_run(conn: duckdb.DuckDBPyConnection, run: dict, topics: pl.DataFrame) -> None:
    """Record a fitted run as the latest and define its themes (same version again: it becomes the latest)."""
    with transaction(conn):
        run_file(conn, "load/insert_theme_run", run)
        run_with_frame(conn, "incoming_topics", topics, "load/merge_topics")


def prune_theme_runs(conn: duckdb.DuckDBPyConnection, keep: int) -> None:
    with transaction(conn):
        run_file(conn, "load/prune_theme_runs", {"keep": keep})


def apply_theme_run(
    conn: duckdb.DuckDBPyConnection,
    model_version: str,
    assign: Callable[[list[tuple[str, list[str], list[int]]]], pl.DataFrame],
    batch_size: int,
) -> tuple[int, int]:
    """Theme every tokenised article the run has not scored yet; returns (articles scored, assignments written).

    `assign(batch)` returns the batch's `article_topics` rows; every article of the batch is marked as scored by
    the run in the same transaction, also those that got no theme, so none is scored twice.
    """
    scored = written = 0
    for rows in stream(conn, "load/articles_to_theme", {"model_version": model_version}, batch_size):
        batch = [(r[0], list(r[1]), list(r[2])) for r in rows]
        assignments = assign(batch)
        per_article = assignments.group_by("article_id").len()
        marks = (
            pl.DataFrame({"article_id": [r[0] for r in batch]})
            .join(per_article, on="article_id", how="left")
            .select(
                "article_id",
                pl.lit(model_version).alias("model_version"),
                pl.col("len").fill_null(0).cast(pl.Int32).alias("themes"),
            )
        )
        with transaction(conn):
            run_with_frame(conn, "incoming_article_theme_runs", marks, "load/insert_article_theme_runs")
            run_with_frame(conn, "incoming_article_topics", assignments, "load/insert_article_topics")
            run_with_frame(conn, "incoming_article_topics", assignments, "load/add_theme_day_counts")
        scored += len(batch)
        written += assignments.height
    return scored, written
