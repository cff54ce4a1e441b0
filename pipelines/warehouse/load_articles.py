"""Write parsed dumps into the warehouse, replacing whatever they wrote before.

Dumps are written in batches, one transaction per batch, because a transaction per small
file costs more than parsing it. Each dump is still all-or-nothing: if a batch fails, it is
rolled back and retried one dump per transaction, so only the faulty dump fails.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from pipelines.ingest.dump import ParsedDump
from pipelines.ingest.parse import PARSER_VERSION
from pipelines.warehouse import aggregates
from pipelines.warehouse.connection import retrying, transaction
from pipelines.warehouse.frames import run_file, run_with_frame
from pipelines.warehouse.sql_files import sql

# The `dumps` columns this loader writes (`loaded_at` is set by load/upsert_dumps.sql); names and types are
# checked against the table's DDL by tests/test_schema_by_name.py.
DUMP_SCHEMA = {
    "file_key": pl.String,
    "dump_id": pl.String,
    "path": pl.String,
    "bytes": pl.Int64,
    "compression": pl.String,
    "encoding": pl.String,
    "status": pl.String,
    "error": pl.String,
    "warning": pl.String,
    "duplicate_of": pl.String,
    "reference_date": pl.Date,
    "reference_date_source": pl.String,
    "records": pl.Int32,
    "parsed": pl.Int32,
    "quarantined": pl.Int32,
    "extractor_version": pl.String,
}


# Articles per INSERT ... ON CONFLICT: DuckDB holds a statement's whole input while it resolves
# conflicts (about 6x the texts: 790 MB for one 110 MB dump in one statement), so big dumps go in slices.
INSERT_ROWS = 10_000


class DumpLoadError(RuntimeError):
    """Some dumps of a batch could not be written; every other dump of the batch was."""


@dataclass(frozen=True)
class LoadOutcome:
    file_key: str
    status: str  # loaded | failed | skipped | duplicate
    records: int
    parsed: int
    quarantined: int
    articles: int
    error: str | None = None
    duplicate_of: str | None = None


def load_dumps(conn: duckdb.DuckDBPyConnection, dumps: list[ParsedDump]) -> list[LoadOutcome]:
    if not dumps:
        return []
    # A commit another writer's conflicted with (the catalog locked, a backfill beside a new file) is tried
    # again: each try deletes and inserts the dumps' rows in one transaction.
    try:
        return retrying(lambda: _in_one_transaction(conn, dumps))
    except duckdb.Error:
        if len(dumps) == 1:
            raise
    outcomes, errors = [], []
    for dump in dumps:
        try:
            outcomes.extend(retrying(lambda: _in_one_transaction(conn, [dump])))  # noqa: B023 (called at once)
        except duckdb.Error as exc:  # the others still load; the run then fails naming this one
            errors.append(f"{dump.file_key}: {exc}")
    if errors:
        raise DumpLoadError(f"{len(errors)} dump(s) could not be loaded: " + "; ".join(errors))
    return outcomes


def _in_one_transaction(conn: duckdb.DuckDBPyConnection, dumps: list[ParsedDump]) -> list[LoadOutcome]:
    with transaction(conn):
        return _load_batch(conn, dumps)


def _load_batch(conn: duckdb.DuckDBPyConnection, dumps: list[ParsedDump]) -> list[LoadOutcome]:
    keys = [d.file_key for d in dumps]
    previous = {
        key: dump_id for key, dump_id, _ in conn.execute(sql("load/dump_states"), {"file_keys": keys}).fetchall()
    }
    contents = sorted(({d.dump_id for d in dumps} | set(previous.values())) - {None})
    owner = dict(conn.execute(sql("load/loaded_owners"), {"dump_ids": contents, "file_keys": keys}).fetchall())
    outside = set(owner)  # contents whose rows belong to a file outside this batch: never touched
    for dump in sorted(dumps, key=lambda d: d.file_key):  # deterministic within a batch
        if dump.status != "failed" and dump.dump_id:
            owner.setdefault(dump.dump_id, dump.file_key)

    statuses = {}
    for dump in dumps:
        if dump.status in ("failed", "skipped"):
            statuses[dump.file_key] = (dump.status, None)
        elif owner[dump.dump_id] != dump.file_key:
            statuses[dump.file_key] = ("duplicate", owner[dump.dump_id])
        else:
            statuses[dump.file_key] = ("loaded", None)

    # Every content this batch knows of is cleared unless another file owns it; the batch's
    # owners then write theirs back, and contents nobody owns any more stay gone.
    clear = [dump_id for dump_id in contents if dump_id not in outside]
    touched = [r[0] for r in conn.execute(sql("load/articles_of_dumps"), {"dump_ids": clear}).fetchall()]
    loaded = [d for d in dumps if statuses[d.file_key][0] == "loaded"]
    # Days of the articles this batch may delete, re-date or re-air, for the day aggregates
    # (pipelines/warehouse/aggregates.py): read before the dumps' occurrences, which carry those days, go.
    watched = sorted(set(touched).union(*(d.articles["article_id"].to_list() for d in loaded)))
    days_before = aggregates.days_of(conn, watched)
    published_before = aggregates.published_days_of(conn, watched)  # entity_tone_day's days: published_on
    run_file(conn, "load/delete_dump_rows", {"dump_ids": clear})

    if loaded:
        articles = pl.concat([d.articles for d in loaded]).unique("article_id", keep="first", maintain_order=True)
        occurrences = pl.concat([d.occurrences for d in loaded])
        quarantine = pl.concat([d.quarantine for d in loaded])
        for part in articles.iter_slices(INSERT_ROWS):
            run_with_frame(conn, "incoming_articles", part, "load/merge_articles")
        run_with_frame(conn, "incoming_occurrences", occurrences, "load/insert_occurrences")
        run_with_frame(conn, "incoming_quarantine", quarantine, "load/insert_quarantine")
    if touched:
        run_file(conn, "load/delete_orphan_articles", {"article_ids": touched})
    moved = aggregates.moved_or_removed_days(days_before, aggregates.days_of(conn, watched))
    aggregates.refresh_days(conn, moved, (aggregates.ENTITY_DAYS, aggregates.TOPIC_DAYS))
    redated = aggregates.moved_or_removed_days(published_before, aggregates.published_days_of(conn, watched))
    aggregates.refresh_days(conn, redated, (aggregates.TONE_DAYS,))

    outcomes, dump_rows = [], []
    for dump in dumps:
        status, twin = statuses[dump.file_key]
        counted = status == "loaded"
        dump_rows.append(
            {
                "file_key": dump.file_key,
                "dump_id": dump.dump_id,
                "path": dump.path,
                "bytes": dump.size_bytes,
                "compression": dump.compression,
                "encoding": dump.encoding,
                "status": status,
                "error": dump.error,
                "warning": dump.warning,
                "duplicate_of": twin,
                "reference_date": dump.reference_date,
                "reference_date_source": dump.reference_date_source,
                "records": dump.records,
                "parsed": dump.parsed if counted else 0,
                "quarantined": dump.quarantined if counted else 0,
                "extractor_version": PARSER_VERSION,
            }
        )
        outcomes.append(
            LoadOutcome(
                dump.file_key,
                status,
                dump.records,
                dump.parsed if counted else 0,
                dump.quarantined if counted else 0,
                dump.articles.height if counted else 0,
                dump.error,
                twin,
            )
        )
    dump_frame = pl.DataFrame(dump_rows, schema=DUMP_SCHEMA)  # rows by name; inserted BY NAME
    run_with_frame(conn, "incoming_dumps", dump_frame, "load/upsert_dumps")
    return outcomes
