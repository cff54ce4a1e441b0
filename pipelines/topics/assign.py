"""Turn classifier, theme-model and keyword outputs into warehouse-shaped Polars frames."""

from __future__ import annotations

import polars as pl

from pipelines.topics import IPTC_TOPICS, TOPICS_VERSION, default_classifier
from pipelines.topics.keywords import KeywordExtractor
from pipelines.topics.themes import fit_themes

KEYWORDS_VERSION = "keywords-tfidf-1.0.0"
KEYWORDS_PER_ARTICLE = 10

TOPIC_SCHEMA = {
    "topic_id": pl.String, "taxonomy": pl.String, "code": pl.String, "label": pl.String,
    "label_zh": pl.String, "top_terms": pl.List(pl.String), "model_version": pl.String,
}
ASSIGNMENT_SCHEMA = {
    "article_id": pl.String, "topic_id": pl.String, "score": pl.Float64, "rank": pl.Int32, "model_version": pl.String,
}
KEYWORD_SCHEMA = {
    "article_id": pl.String, "keyword": pl.String, "weight": pl.Float64, "rank": pl.Int32, "model_version": pl.String,
}


def iptc_topic_id(code: str) -> str:
    return f"iptc:{code}"


def iptc_topics_frame() -> pl.DataFrame:
    rows = [(iptc_topic_id(t.code), "iptc", t.code, t.name, t.label_zh, None, TOPICS_VERSION) for t in IPTC_TOPICS]
    return pl.DataFrame(rows, schema=TOPIC_SCHEMA, orient="row")


def classify_articles(articles: list[dict]) -> pl.DataFrame:
    """IPTC labels above the classifier's threshold (always at least one) for each article."""
    predictions = default_classifier().predict_many([(a["title"], a["body"]) for a in articles])
    rows = []
    for article, labels in zip(articles, predictions):
        for rank, (code, score) in enumerate(labels, start=1):
            rows.append((article["article_id"], iptc_topic_id(code), min(1.0, max(0.0, float(score))), rank, TOPICS_VERSION))
    return pl.DataFrame(rows, schema=ASSIGNMENT_SCHEMA, orient="row")


def discover_themes(articles: list[dict]) -> tuple[str, pl.DataFrame, pl.DataFrame]:
    """(model_version, topics rows, article_topics rows) of one theme-model run over the corpus."""
    result = fit_themes([f"{a['title']}\n{a['body']}" for a in articles], [a["article_id"] for a in articles])
    version = result.model_version
    topics = [
        (f"{version}:{t.theme_no}", "discovered", str(t.theme_no), t.label, None, list(t.top_terms), version)
        for t in result.themes
    ]
    weights = [
        (w.article_id, f"{version}:{w.theme_no}", float(w.weight), int(w.rank), version)
        for w in result.article_themes
    ]
    return (
        version,
        pl.DataFrame(topics, schema=TOPIC_SCHEMA, orient="row"),
        pl.DataFrame(weights, schema=ASSIGNMENT_SCHEMA, orient="row"),
    )


def keywords_for(articles: list[dict]) -> pl.DataFrame:
    texts = [f"{a['title']}\n{a['body']}" for a in articles]
    extractor = KeywordExtractor().fit(texts) if texts else KeywordExtractor()
    rows = []
    for article, text in zip(articles, texts):
        for rank, (word, weight) in enumerate(extractor.top_keywords(text, k=KEYWORDS_PER_ARTICLE), start=1):
            rows.append((article["article_id"], word, float(weight), rank, KEYWORDS_VERSION))
    return pl.DataFrame(rows, schema=KEYWORD_SCHEMA, orient="row").unique(["article_id", "keyword"], keep="first", maintain_order=True)
