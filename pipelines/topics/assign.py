"""Turn classifier, theme-model and keyword outputs into warehouse-shaped Polars frames."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
from threadpoolctl import threadpool_limits

from pipelines.rows import row_type
from pipelines.topics import IPTC_TOPICS, TOPICS_VERSION, default_classifier
from pipelines.topics.keyword_context import TermColumns, term_columns
from pipelines.topics.terms import Span, term_occurrences
from pipelines.topics.themes import BLAS_THREADS, ThemeModel

# 2.0.0: computed once per new article against document frequencies kept in the warehouse.
# 2.1: scores times term specificity; 2.2: common words mentioned once dropped; 2.3: terms below the learned worthiness
# 3.0: of the first 8 candidates by TF-IDF, those the learned keyword filter in context keeps (keyword_context.py,
# resources/keyword_filter.json), ranked by its probability.
# Bump it when the rules, the worthiness model (resources/keyword_worthiness.json) or the keyword filter
# (resources/keyword_filter.json) change: the keyword step then recomputes every article's keywords and every stored
# term score (sql/load/retire_keywords_of_other_versions.sql).
KEYWORDS_VERSION = "keywords-context-3.0.0"
KEYWORDS_PER_ARTICLE = 10

TOPIC_SCHEMA = {
    "topic_id": pl.String,
    "taxonomy": pl.String,
    "code": pl.String,
    "label": pl.String,
    "label_zh": pl.String,
    "top_terms": pl.List(pl.String),
    "model_version": pl.String,
}
ASSIGNMENT_SCHEMA = {
    "article_id": pl.String,
    "topic_id": pl.String,
    "score": pl.Float64,
    "rank": pl.Int32,
    "model_version": pl.String,
}


TopicRow = row_type("TopicRow", TOPIC_SCHEMA)
AssignmentRow = row_type("AssignmentRow", ASSIGNMENT_SCHEMA)


def iptc_topic_id(code: str) -> str:
    return f"iptc:{code}"


def iptc_topics_frame() -> pl.DataFrame:
    rows = [
        TopicRow(
            topic_id=iptc_topic_id(t.code),
            taxonomy="iptc",
            code=t.code,
            label=t.name,
            label_zh=t.label_zh,
            top_terms=None,
            model_version=TOPICS_VERSION,
        )
        for t in IPTC_TOPICS
    ]
    return pl.DataFrame(rows, schema=TOPIC_SCHEMA, orient="row")


def classify_articles(articles: list[dict]) -> pl.DataFrame:
    """IPTC labels above the classifier's threshold (always at least one) for each article."""
    predictions = default_classifier().predict_many([(a["title"], a["body"]) for a in articles])
    rows = []
    for article, labels in zip(articles, predictions):
        for rank, (code, score) in enumerate(labels, start=1):
            rows.append(
                AssignmentRow(
                    article_id=article["article_id"],
                    topic_id=iptc_topic_id(code),
                    score=min(1.0, max(0.0, float(score))),
                    rank=rank,
                    model_version=TOPICS_VERSION,
                )
            )
    return pl.DataFrame(rows, schema=ASSIGNMENT_SCHEMA, orient="row")


def theme_topics_frame(model: ThemeModel) -> pl.DataFrame:
    """`topics` rows of a theme-model run."""
    rows = [
        TopicRow(
            topic_id=f"{model.version}:{j}",
            taxonomy="discovered",
            code=str(j),
            label=model.label(j),
            label_zh=model.label(j),
            top_terms=list(terms),
            model_version=model.version,
        )
        for j, terms in enumerate(model.top_terms)
    ]
    return pl.DataFrame(rows, schema=TOPIC_SCHEMA, orient="row")


def theme_assignments(model: ThemeModel, batch: list[tuple[str, list[str], list[int]]]) -> pl.DataFrame:
    """`article_topics` rows of a batch of (article_id, terms, counts) under a theme model."""
    with threadpool_limits(limits=BLAS_THREADS):
        assigned = model.assign([(terms, counts) for _, terms, counts in batch])
    rows = [
        AssignmentRow(
            article_id=article_id, topic_id=f"{model.version}:{j}", score=weight, rank=rank, model_version=model.version
        )
        for (article_id, _, _), themes in zip(batch, assigned)
        for rank, (j, weight) in enumerate(themes, start=1)
    ]
    return pl.DataFrame(rows, schema=ASSIGNMENT_SCHEMA, orient="row")


def tokenize_article(title: str | None, body: str | None, spans: Sequence[Span] = ()) -> TermColumns:
    """The one tokenisation pass of an article for keywords and themes (its article_terms row): entity spans are
    kept whole, and each term comes with its context in the article (keyword_context.term_columns)."""
    return term_columns(term_occurrences(title, body, spans), f"{title or ''}\n{body or ''}")
