"""Rows built by name for the frames the loaders insert (`INSERT ... BY NAME`).

Each frame's columns are defined once, in its schema dict (checked against the table's DDL by
tests/test_schema_by_name.py); `row_type` turns that dict into a NamedTuple, so rows are written with
keywords (`MentionRow(article_id=..., start=...)`) and cannot put a value in the wrong column, while
Polars still builds the frame from plain tuples at full speed.
"""

from __future__ import annotations

from typing import NamedTuple


def row_type(name: str, schema: dict) -> type:
    """A NamedTuple with the schema's columns, in the schema's order."""
    return NamedTuple(name, [(column, object) for column in schema])
