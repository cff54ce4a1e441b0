"""Per-article keywords: candidates by TF-IDF, times each term's specificity outside the corpus
(terms.term_specificity), without terms below the learned keyword worthiness (worthiness.term_worthiness); of the
first candidates, those the learned keyword filter finds meaningful in the article's context (keyword_context.py).

`KeywordExtractor().fit(corpus)` uses the corpus's own document frequencies
(what the orchestrator does daily); without fitting it falls back to the idf
stored in the topic-model artifact, so single articles still get keywords.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from pipelines.topics.keyword_context import (
    choose,
    filter_features,
    filter_probability,
    filter_threshold,
    idf_share,
    term_contexts,
)
from pipelines.topics.terms import candidates, term_occurrences, term_specificity
from pipelines.topics.worthiness import min_worthiness, term_worthiness

# A dictionary word mentioned once is weak evidence of what the article is about (on the bench such words were the
# most often generic or incidental: 小雨, 装置, 物品); names and repeated words keep their full score.
ONCE_MENTIONED_WORD_FACTOR = 0.8
# A dictionary word that common (specificity below this: 经济 0.40, 国家 0.37, 时间 0.42, 交流 0.52 is kept) and
# mentioned once is no keyword at all: an article shows fewer keywords rather than such words. On the judged bench
# samples this removed 7 bad and 5 good keywords of 495; a cut relative to the article's best score did not pay
# (it removed names such as 习近平 or 国家统计局 as often as generic words).
MIN_SPECIFICITY_MENTIONED_ONCE = 0.5


def is_keyword(count: int, specificity: float, worthiness: float = 1.0) -> bool:
    """Whether a term may be a keyword of an article that mentions it `count` times: not a common dictionary word
    mentioned once, and not below the learned worthiness threshold (worthiness.term_worthiness, whatever the count).
    The warehouse's keyword step applies the same rule in sql/load/insert_new_article_keywords.sql."""
    return (count > 1 or specificity >= MIN_SPECIFICITY_MENTIONED_ONCE) and worthiness >= min_worthiness()


def keyword_score(count: int, idf: float, specificity: float) -> float:
    """sqrt(tf) * idf * specificity, times ONCE_MENTIONED_WORD_FACTOR for a dictionary word (specificity < 1)
    mentioned once; the warehouse's keyword step computes the same in sql/load/insert_new_article_keywords.sql."""
    once = ONCE_MENTIONED_WORD_FACTOR if count == 1 and specificity < 1.0 else 1.0
    return math.sqrt(count) * idf * specificity * once


class KeywordExtractor:
    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self._fallback: dict[str, float] | None = None
        self._fallback_default = 1.0
        self._fallback_max = 2.0

    def fit(self, texts: Iterable[str]) -> KeywordExtractor:
        self.df = Counter()
        self.n_docs = 0
        for t in texts:
            self.df.update(set(candidates(t or "")))
            self.n_docs += 1
        return self

    def _load_fallback(self) -> None:
        # Word features in the classifier vocabulary are stored as "_<word>" with
        # their idf over ~22k headlines/articles: a reasonable general-news idf.
        self._fallback = {}
        try:
            from pipelines.topics.classifier import default_classifier

            clf = default_classifier()
            for f, i in clf.vocab.items():
                if f.startswith("_"):
                    self._fallback[f[1:]] = float(clf.idf[i])
        except Exception:
            self._fallback = {}
        if self._fallback:
            vals = sorted(self._fallback.values())
            # unseen words are usually names / rare terms: treat as fairly specific
            self._fallback_default = vals[int(len(vals) * 0.9)]
            self._fallback_max = vals[-1]

    def idf(self, word: str) -> float:
        if self.n_docs:
            return math.log((1 + self.n_docs) / (1 + self.df.get(word, 0))) + 1.0
        if self._fallback is None:
            self._load_fallback()
        return self._fallback.get(word, self._fallback_default)

    def _idf_share(self, word: str) -> float:
        if self.n_docs:
            return idf_share(self.df.get(word, 0), self.n_docs)
        # the artifact's idf against its largest (the share a corpus would give)
        value = self.idf(word)
        top = self._fallback_max - 1.0
        return min(1.0, max(0.0, (value - 1.0) / top)) if top > 0 else 1.0

    def top_keywords(self, text: str, k: int = 10) -> list[tuple[str, float]]:
        """[(keyword, weight)]: the candidates the keyword filter keeps, by its probability, weighted relative to
        the first (1.0)."""
        title, _, body = (text or "").partition("\n")
        contexts = term_contexts(term_occurrences(title, body), text or "")
        if not contexts or k <= 0:
            return []
        scored = []
        for c in contexts:
            specificity, worthiness = term_specificity(c.term), term_worthiness(c.term)
            if is_keyword(c.count, specificity, worthiness):
                scored.append((keyword_score(c.count, self.idf(c.term), specificity), c, specificity, worthiness))
        if not scored:
            return []
        scored.sort(key=lambda x: (-x[0], x[1].term))
        best = scored[0][0]
        probabilities = [
            (
                c.term,
                filter_probability(filter_features(c, self._idf_share(c.term), specificity, worthiness, score / best)),
            )
            for score, c, specificity, worthiness in scored
        ]
        return choose(probabilities, filter_threshold(), k)


def top_keywords(text: str, k: int = 10) -> list[tuple[str, float]]:
    """Keywords for one text with the artifact's idf (no corpus needed)."""
    return _DEFAULT.top_keywords(text, k)


_DEFAULT = KeywordExtractor()
