"""Rows built by name: the row types follow their schema dicts, so keyword order never matters."""

from __future__ import annotations

import polars as pl
import pytest

from pipelines.extract import entities
from pipelines.ingest import dump
from pipelines.rows import row_type
from pipelines.topics import assign


@pytest.mark.parametrize(
    "row, schema",
    [
        (entities.MentionRow, entities.MENTION_SCHEMA),  # the entity step's frames
        (entities.EntityRow, entities.ENTITY_SCHEMA),
        (entities.AliasRow, entities.ALIAS_SCHEMA),
        (entities.AmountRow, entities.AMOUNT_SCHEMA),
        (entities.DateRow, entities.DATE_SCHEMA),
        (assign.TopicRow, assign.TOPIC_SCHEMA),  # topics and assignments
        (assign.AssignmentRow, assign.ASSIGNMENT_SCHEMA),
        (dump.ArticleRow, dump.ARTICLE_SCHEMA),  # the parser's frames
        (dump.OccurrenceRow, dump.OCCURRENCE_SCHEMA),
        (dump.QuarantineRow, dump.QUARANTINE_SCHEMA),
    ],
)
def test_row_types_have_their_schemas_columns_in_order(row, schema) -> None:
    assert row._fields == tuple(schema)


def test_a_row_written_in_any_keyword_order_lands_in_its_columns() -> None:
    schema = {"article_id": pl.String, "start": pl.Int32, "end": pl.Int32}
    Span = row_type("Span", schema)
    rows = [Span(end=9, article_id="a1", start=4)]  # keywords in another order than the columns
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    assert frame.row(0, named=True) == {"article_id": "a1", "start": 4, "end": 9}


def test_a_missing_or_unknown_column_is_an_error() -> None:
    Span = row_type("Span", {"article_id": pl.String, "start": pl.Int32})
    with pytest.raises(TypeError):
        Span(article_id="a1")  # start missing
    with pytest.raises(TypeError):
        Span(article_id="a1", start=1, stop=2)  # no such column
