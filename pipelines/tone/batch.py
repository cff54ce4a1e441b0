"""Tone of a batch of articles as the Polars frames the loader inserts. No Dagster."""

from __future__ import annotations

import polars as pl

from pipelines.rows import row_type
from pipelines.tone.score import TONE_VERSION, article_tone

ARTICLE_TONE_SCHEMA = {
    "article_id": pl.String,
    "positive": pl.Float64,
    "negative": pl.Float64,
    "polarity": pl.Float64,
    "label": pl.String,
    "words": pl.Int32,
    "tone_version": pl.String,
}
SENTENCE_TONE_SCHEMA = {
    "article_id": pl.String,
    "start": pl.Int32,
    "end": pl.Int32,
    "positive": pl.Float64,
    "negative": pl.Float64,
    "polarity": pl.Float64,
    "tone_version": pl.String,
}
ArticleToneRow = row_type("ArticleToneRow", ARTICLE_TONE_SCHEMA)
SentenceToneRow = row_type("SentenceToneRow", SENTENCE_TONE_SCHEMA)


def tone_frames(articles: list[dict], mention_starts: dict[str, list[int]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`articles`: dicts with article_id, title, body; `mention_starts`: where each article's entity mentions start."""
    article_rows, sentence_rows = [], []
    for article in articles:
        article_id = article["article_id"]
        text = f"{article['title']}\n{article['body']}"
        scored = article_tone(text, mention_starts.get(article_id, []), len(article["title"]))
        tone = scored.tone
        article_rows.append(
            ArticleToneRow(
                article_id=article_id,
                positive=tone.positive,
                negative=tone.negative,
                polarity=tone.polarity,
                label=scored.label,
                words=tone.words,
                tone_version=TONE_VERSION,
            )
        )
        sentence_rows.extend(
            SentenceToneRow(
                article_id=article_id,
                start=s.start,
                end=s.end,
                positive=s.tone.positive,
                negative=s.tone.negative,
                polarity=s.tone.polarity,
                tone_version=TONE_VERSION,
            )
            for s in scored.sentences
        )
    return (
        pl.DataFrame(article_rows, schema=ARTICLE_TONE_SCHEMA, orient="row"),
        pl.DataFrame(sentence_rows, schema=SENTENCE_TONE_SCHEMA, orient="row"),
    )
