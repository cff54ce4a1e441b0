"""Index terms of an article for BM25 search.

Terms are rjieba's search-mode words (a long word and the shorter words inside it: 南海舰队 gives
南海, 舰队 and 南海舰队), NFKC-normalised and lower-cased, so a query for a part of a compound still
matches. Stopwords and tokens without a CJK character, letter or digit are dropped. Title words count
TITLE_WEIGHT times, a light BM25F: a word in the headline says more about the article than one in the
tenth paragraph.

The query side runs in SQL (`search_articles` in sql/views/), which cannot call jieba: it matches each
query token against the vocabulary these terms make (see that file).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import polars as pl
import rjieba

from pipelines.topics.tokenize import stopwords

SEARCH_VERSION = "search-terms-2"
TITLE_WEIGHT = 3  # the title field's weight: each title word counts this many times
# Longest term kept: longer tokens are runs of letters/digits (URLs, codes) nobody searches whole.
MAX_TERM_CHARS = 24
_INDEXABLE = re.compile(r"[\u3400-\u9fff\w]")
_CUT_MARK = re.compile(r"(?:\.{3,}|…+|。。。)$")  # how teasers end (the same marks as pipelines/stories/normalize.py)


def normalize(text: str) -> str:
    """The same normalisation the SQL query side applies (nfc + lower after NFKC here)."""
    return unicodedata.normalize("NFKC", text or "").lower()


def terms(text: str) -> Counter[str]:
    """Term frequencies of one piece of text."""
    stop = stopwords()
    counts: Counter[str] = Counter()
    for token in rjieba.cut_for_search(normalize(text)):
        token = token.strip()
        if token and len(token) <= MAX_TERM_CHARS and token not in stop and _INDEXABLE.search(token):
            counts[token] += 1
    return counts


def uncut_text(body: str) -> str:
    """A teaser's body without its cut mark (`...`) and the word the cut went through.

    The bench's teasers are cut at a fixed width, often inside a word: `新冠肺炎疫情` cut after `新冠肺` would
    give the index a term `新冠肺` that exists nowhere else, and the query side, which segments a query
    against the index vocabulary, would then take `新冠肺` out of `新冠肺炎`. The last word of a cut text
    cannot be told from a whole one, so it is dropped; a body without a cut mark is returned as it is.
    """
    text = normalize(body).rstrip()
    uncut = _CUT_MARK.sub("", text)
    if uncut == text:
        return body
    words = rjieba.cut(uncut)
    if words and _INDEXABLE.search(words[-1]):
        uncut = uncut[: len(uncut) - len(words[-1])]
    return uncut


def document_terms(title: str, body: str, kind: str = "full") -> Counter[str]:
    """Weighted term frequencies of an article: title words count TITLE_WEIGHT times; a teaser's cut-off
    last word is not indexed (`uncut_text`)."""
    counts = terms(uncut_text(body) if kind == "teaser" else body)
    for term, tf in terms(title).items():
        counts[term] += TITLE_WEIGHT * tf
    return counts


def index_frames(articles: list[dict]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(documents, postings) for a batch of articles (dicts with article_id, title, body).

    Articles may carry `kind` (a teaser's cut-off last word is left out), `published_on` and `source`.
    documents: article_id, length, search_version and what a hit shows (title, kind, published_on, source);
    postings: article_id, term, tf (one row per distinct term).
    """
    ids, lengths, post_ids, post_terms, post_tfs = [], [], [], [], []
    for article in articles:
        counts = document_terms(article["title"], article["body"], article.get("kind") or "full")
        ids.append(article["article_id"])
        lengths.append(sum(counts.values()))
        post_ids.extend([article["article_id"]] * len(counts))
        post_terms.extend(counts.keys())
        post_tfs.extend(counts.values())
    documents = pl.DataFrame(
        {
            "article_id": ids,
            "length": lengths,
            "search_version": [SEARCH_VERSION] * len(ids),
            "title": [a["title"] for a in articles],
            "kind": [a.get("kind") for a in articles],
            "published_on": [a.get("published_on") for a in articles],
            "source": [a.get("source") for a in articles],
        },
        schema={
            "article_id": pl.String,
            "length": pl.Int32,
            "search_version": pl.String,
            "title": pl.String,
            "kind": pl.String,
            "published_on": pl.Date,
            "source": pl.String,
        },
    )
    postings = pl.DataFrame(
        {"article_id": post_ids, "term": post_terms, "tf": post_tfs},
        schema={"article_id": pl.String, "term": pl.String, "tf": pl.Int16},
    )
    return documents, postings
