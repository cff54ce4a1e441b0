"""Per-article keywords by TF-IDF, times each term's specificity outside the corpus (terms.term_specificity); terms
below the learned keyword worthiness (worthiness.term_worthiness) are no keywords.

`KeywordExtractor().fit(corpus)` uses the corpus's own document frequencies
(what the orchestrator does daily); without fitting it falls back to the idf
stored in the topic-model artifact, so single articles still get keywords.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from pipelines.topics.terms import candidates, term_specificity
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

    def idf(self, word: str) -> float:
        if self.n_docs:
            return math.log((1 + self.n_docs) / (1 + self.df.get(word, 0))) + 1.0
        if self._fallback is None:
            self._load_fallback()
        return self._fallback.get(word, self._fallback_default)

    def top_keywords(self, text: str, k: int = 10) -> list[tuple[str, float]]:
        """[(keyword, weight)] with weights scaled so the best keyword is 1.0."""
        tf = Counter(candidates(text or ""))
        if not tf or k <= 0:
            return []
        specificity = {w: term_specificity(w) for w in tf}
        scored = [
            (w, keyword_score(n, self.idf(w), specificity[w]))
            for w, n in tf.items()
            if is_keyword(n, specificity[w], term_worthiness(w))
        ]
        if not scored:
            return []
        scored.sort(key=lambda x: (-x[1], x[0]))
        top = scored[:k]
        best = top[0][1] or 1.0
        return [(w, round(max(0.0, min(1.0, s / best)), 4)) for w, s in top]


def top_keywords(text: str, k: int = 10) -> list[tuple[str, float]]:
    """Keywords for one text with the artifact's idf (no corpus needed)."""
    return _DEFAULT.top_keywords(text, k)


_DEFAULT = KeywordExtractor()
