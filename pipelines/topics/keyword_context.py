"""Keywords in context: what an article says about each of its terms, and the learned filter that reads it.

A term's worthiness (worthiness.py) is a property of the term alone; whether it is a keyword *of this article*
depends on the article too: a name or an organisation (an entity span, or name pieces joined again) is what a story
is about far more often than a dictionary word; a term early in the text and repeated more than one met once near
the end; a term much weaker than the article's best candidate, or common in the corpus, less; a name glued to the
next word at every occurrence (cut short by the tagger, or part of a title) less. Whether the term stands in the
title was tried and added nothing (weight -0.01) once position and count are known. The keyword filter is a
small logistic regression over such features (`filter_features`), trained on hand-judged keywords with their
articles (resources/keyword_context_judgements.tsv) by `python -m training.topics.train_keyword_filter`
(make train-keyword-filter), stored as plain numbers in resources/keyword_filter.json. Both keyword paths use it:
the warehouse's keyword step in SQL (sql/load/insert_new_article_keywords.sql, the same formula with the weights
as parameters) and `KeywordExtractor` in memory.

An article's candidates are its terms that pass the older rules (keywords.is_keyword), ranked by TF-IDF score; of the
first `CANDIDATE_WINDOW` the filter keeps those whose probability of being meaningful reaches the model's threshold,
or the most probable one when none does (so no article with candidates is left without a keyword), ranked by that
probability.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from pipelines.topics.terms import Occurrence
from pipelines.topics.tokenize import normalize

FILTER_FILE = "keyword_filter.json"
# The filter sees the article's first candidates by TF-IDF score: the judged keywords it was trained on are the top 8
# of the older rules, so beyond them it would rank terms it never learned about.
CANDIDATE_WINDOW = 8
# A term is at most this long in the length feature (longer names count as long).
MAX_LENGTH = 8
# The worthiness probability is clipped to this distance from 0 and 1 before taking its logit.
_WORTHINESS_CLIP = 1e-4


class TermContext(NamedTuple):
    """One distinct term of an article: how often it occurs and where."""

    term: str
    count: int
    named: bool  # at least one occurrence is a name (an entity span or name pieces joined again)
    inside_longer: bool  # the term is part of a longer term of the same article (南非 beside 南非总统府)
    first_at: float  # position of its first occurrence among the article's term occurrences, in [0, 1)
    glued_right: float = 0.0  # of a name: share of its occurrences followed directly by a character of a word


# Characters that commonly begin the word after a name in news prose (particles, conjunctions, prepositions, verbs of
# saying, dates): a name followed by one of them ends there. A name span followed by any other CJK character at
# every occurrence was often cut short by the tagger (尼凯瑟|利, 玛邱罗尼|塔) or is part of a title (财政部|长,
# 中共中央政治局|常委): on the judged candidates such names were bad far more often than others.
_WORD_AFTER_NAME = frozenset(
    "的在和与是说表对为等及到从将已也都了会向同并于中上下月日号年今称就还要时后前由被把以而或但"
)


def glued_right(term: str, text: str) -> float:
    """Share of the term's occurrences in `text` (normalised) followed directly by a CJK character that does not
    commonly begin the next word (_WORD_AFTER_NAME); 0 where the term is not found."""
    found = glued = 0
    at = text.find(term)
    while at >= 0:
        end = at + len(term)
        found += 1
        if end < len(text) and "\u3400" <= text[end] <= "\u9fff" and text[end] not in _WORD_AFTER_NAME:
            glued += 1
        at = text.find(term, end)
    return round(glued / found, 4) if found else 0.0


class TermColumns(NamedTuple):
    """An article's article_terms row: its distinct terms (sorted) and, aligned with them, their counts and context."""

    terms: list[str]
    counts: list[int]
    named: list[bool]
    inside_longer: list[bool]
    first_at: list[float]
    glued_right: list[float]


def term_columns(occurrences: Sequence[Occurrence], text: str = "") -> TermColumns:
    """The article's distinct terms, sorted, with their counts and context, column by column (the article_terms row);
    `text` is the article's title + "\n" + body (where glued_right looks)."""
    words = [term for term, _ in occurrences]
    counts = Counter(words)
    terms = sorted(counts)
    total = len(words)
    # the first index of each term: read backwards, earlier occurrences overwrite later ones
    first = dict(zip(reversed(words), range(total - 1, -1, -1)))
    names = {term for term, named in occurrences if named}
    text = normalize(text) if names else ""
    # every term once, apart: a term found more than once is also part of another (longer) term
    joined = "\x00".join(terms)
    return TermColumns(
        terms,
        [counts[t] for t in terms],
        [t in names for t in terms],
        [joined.count(t) > 1 for t in terms],
        [first[t] / total for t in terms],
        # the filter reads glued_right for names only (named_glued_right)
        [glued_right(t, text) if t in names else 0.0 for t in terms],
    )


def term_contexts(occurrences: Sequence[Occurrence], text: str = "") -> list[TermContext]:
    """The article's distinct terms, sorted, each with its context (term_columns, row by row)."""
    return [TermContext(*values) for values in zip(*term_columns(occurrences, text))]


FEATURES = (
    "idf_share",
    "log_count",
    "named",
    "inside_longer",
    "first_at",
    "worthiness_logit",
    "specificity",
    "relative_score",
    "length",
    "named_glued_right",
)


def idf_share(df: int, n_docs: int) -> float:
    """The term's idf as a share of the corpus's largest, ln((1 + N) / (1 + df)) / ln(1 + N): 0 for a term in every
    article, near 1 for a term in one."""
    return math.log((1 + n_docs) / (1 + df)) / math.log(1 + n_docs) if n_docs else 1.0


def filter_features(
    context: TermContext, idf: float, specificity: float, worthiness: float, relative_score: float
) -> list[float]:
    """The filter's features, in FEATURES order: the term's idf share (`idf_share`), ln(count), name, part of a
    longer term, first position, the logit of its worthiness, its specificity, its TF-IDF score relative to the
    article's best candidate, its length (at most MAX_LENGTH) / MAX_LENGTH, and for a name its glued_right share.
    sql/load/insert_new_article_keywords.sql computes the same."""
    w = min(max(worthiness, _WORTHINESS_CLIP), 1 - _WORTHINESS_CLIP)
    return [
        idf,
        math.log(context.count),
        float(context.named),
        float(context.inside_longer),
        context.first_at,
        math.log(w / (1 - w)),
        specificity,
        relative_score,
        min(len(context.term), MAX_LENGTH) / MAX_LENGTH,
        float(context.named) * context.glued_right,
    ]


@lru_cache(maxsize=1)
def filter_model() -> dict:
    return json.loads(resources.files(__package__).joinpath("resources", FILTER_FILE).read_text(encoding="utf-8"))


def filter_probability(features: Sequence[float], model: dict | None = None) -> float:
    """Probability that the term is a meaningful keyword of its article."""
    m = model or filter_model()
    z = m["intercept"] + sum(m["weights"][name] * value for name, value in zip(FEATURES, features))
    return 1.0 / (1.0 + math.exp(-z))


def filter_threshold() -> float:
    return float(filter_model()["threshold"])


def choose(candidates: Sequence[tuple[str, float]], threshold: float, k: int) -> list[tuple[str, float]]:
    """Of an article's candidates [(term, filter probability)] in TF-IDF order, those of the first CANDIDATE_WINDOW
    at or above the threshold (or the most probable one if none is), at most k, by probability then term, each with
    its probability relative to the best kept (the keyword's weight, 1.0 for the first)."""
    window = list(candidates[:CANDIDATE_WINDOW])
    if not window or k <= 0:
        return []
    best = max(p for _, p in window)
    kept = sorted(((t, p) for t, p in window if p >= threshold or p == best), key=lambda x: (-x[1], x[0]))[:k]
    return [(t, round(p / best, 4)) for t, p in kept]
