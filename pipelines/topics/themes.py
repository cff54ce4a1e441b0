"""Discovered themes: NMF over TF-IDF of article tokens, refit per corpus snapshot.

Unlike the IPTC classifier these themes are unsupervised and change with the
corpus, so every result carries a `model_version` derived from its input.
"""
from __future__ import annotations

import hashlib
import math
import warnings
from dataclasses import dataclass, field

import numpy as np

from .keywords import candidates

TOP_TERMS = 10
MAX_THEMES_PER_ARTICLE = 3
MIN_WEIGHT = 0.1  # share of an article's theme mass; below this it is noise
MAX_THEMES = 40  # more than this is hard to browse and slow to fit
MAX_FIT_DOCS = 6000  # NMF is fitted on a fixed-seed sample of larger corpora


@dataclass(frozen=True)
class ThemeRow:
    theme_no: int
    top_terms: list[str]
    label: str
    n_articles: int  # articles that kept this theme among their top weights


@dataclass(frozen=True)
class ArticleThemeRow:
    article_id: str
    theme_no: int
    weight: float  # in [0, 1]: share of the article's theme mass
    rank: int  # 1 = strongest theme of the article


@dataclass
class ThemeModelResult:
    model_version: str
    n_themes: int
    themes: list[ThemeRow] = field(default_factory=list)
    article_themes: list[ArticleThemeRow] = field(default_factory=list)

    @property
    def weights(self) -> list[ArticleThemeRow]:
        return self.article_themes


def default_n_themes(n_docs: int) -> int:
    # ~sqrt(n/2): 7 docs -> 2, 1k -> 22, 20k -> 100 (capped); a daily corpus
    # of a few thousand articles gives a browsable 30-50 themes.
    return max(1, min(MAX_THEMES, int(round(math.sqrt(n_docs / 2)))))


def _version(article_ids: list[str], k: int) -> str:
    h = hashlib.sha1("\n".join(sorted(article_ids)).encode("utf-8")).hexdigest()[:10]
    return f"themes-{h}-k{k}"


def fit_themes(texts: list[str], article_ids: list[str], n_themes: int | None = None,
               seed: int = 0) -> ThemeModelResult:
    """Fit themes; tiny or empty corpora give a smaller or empty (valid) result."""
    if len(texts) != len(article_ids):
        raise ValueError("texts and article_ids must have the same length")
    toks = [candidates(t or "") for t in texts]
    docs = [(a, t) for a, t in zip(article_ids, toks) if t]
    if not docs:
        return ThemeModelResult(_version(list(article_ids), 0), 0)

    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(docs)
    # Small corpora cannot afford df filtering: every term would vanish.
    vec = TfidfVectorizer(analyzer=lambda x: x, min_df=2 if n >= 50 else 1,
                          max_df=0.5 if n >= 20 else 1.0, max_features=20000, sublinear_tf=True)
    try:
        X = vec.fit_transform([t for _, t in docs])
    except ValueError:  # every term pruned
        return ThemeModelResult(_version(list(article_ids), 0), 0)
    terms = vec.get_feature_names_out()
    k = n_themes if n_themes else default_n_themes(n)
    k = max(1, min(k, n, X.shape[1]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter on tiny inputs
        nmf = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=200, tol=1e-3)
        if n > MAX_FIT_DOCS:
            # The themes of a large corpus are stable on a sample; fitting on all of it cost
            # minutes. Every article still gets weights from the fitted model.
            sample = np.random.default_rng(seed).choice(n, MAX_FIT_DOCS, replace=False)
            nmf.fit(X[np.sort(sample)])
            W = nmf.transform(X)
        else:
            W = nmf.fit_transform(X)
    H = nmf.components_

    rows: list[ArticleThemeRow] = []
    counts = np.zeros(k, dtype=int)
    for (aid, _), w in zip(docs, W):
        total = float(w.sum())
        if total <= 0:
            continue
        share = w / total
        order = [j for j in np.argsort(-share, kind="stable")[:MAX_THEMES_PER_ARTICLE]
                 if share[j] >= MIN_WEIGHT]
        for rank, j in enumerate(order, 1):
            rows.append(ArticleThemeRow(aid, int(j), round(float(share[j]), 4), rank))
            counts[j] += 1

    themes = []
    for j in range(k):
        idx = [i for i in np.argsort(-H[j], kind="stable")[:TOP_TERMS] if H[j, i] > 0]
        top = [str(terms[i]) for i in idx]
        themes.append(ThemeRow(j, top, "/".join(top[:3]), int(counts[j])))
    return ThemeModelResult(_version(list(article_ids), k), k, themes, rows)
