"""Quotations of a batch of articles as the Polars frame the loader inserts. No Dagster."""

from __future__ import annotations

from collections import defaultdict

import polars as pl

from pipelines.quotes.extract import QUOTES_VERSION, find_quotations
from pipelines.quotes.speakers import Mention
from pipelines.rows import row_type

QUOTATION_SCHEMA = {
    "article_id": pl.String,
    "kind": pl.String,
    "quote": pl.String,
    "start": pl.Int32,
    "end": pl.Int32,
    "byte_start": pl.Int32,
    "byte_end": pl.Int32,
    "verb": pl.String,
    "verb_start": pl.Int32,
    "speaker": pl.String,
    "speaker_start": pl.Int32,
    "speaker_end": pl.Int32,
    "speaker_entity_id": pl.String,
    "resolution": pl.String,
    "quotes_version": pl.String,
}
QuotationRow = row_type("QuotationRow", QUOTATION_SCHEMA)


def mentions_by_article(rows: list[tuple]) -> dict[str, list[Mention]]:
    """(article_id, start, end, entity_id, type, surface) rows, as sql/load/mentions_of_articles returns them."""
    found: dict[str, list[Mention]] = defaultdict(list)
    for article_id, start, end, entity_id, entity_type, surface in rows:
        found[article_id].append(Mention(start, end, entity_id, entity_type, surface))
    return found


def quotations_frame(articles: list[dict], mentions: dict[str, list[Mention]]) -> pl.DataFrame:
    """`articles`: dicts with article_id, title, body (the text is title + "\\n" + body)."""
    rows = []
    for article in articles:
        text = f"{article['title']}\n{article['body']}"
        for q in find_quotations(text, mentions.get(article["article_id"], []), len(article["title"]) + 1):
            rows.append(
                QuotationRow(
                    article_id=article["article_id"],
                    kind=q.kind,
                    quote=q.text,
                    start=q.start,
                    end=q.end,
                    byte_start=q.byte_start,
                    byte_end=q.byte_end,
                    verb=q.verb,
                    verb_start=q.verb_start,
                    speaker=q.speaker.text,
                    speaker_start=q.speaker.start,
                    speaker_end=q.speaker.end,
                    speaker_entity_id=q.speaker.entity_id,
                    resolution=q.speaker.resolution,
                    quotes_version=QUOTES_VERSION,
                )
            )
    return pl.DataFrame(rows, schema=QUOTATION_SCHEMA, orient="row")
