"""Discovered themes: NMF over TF-IDF of article terms, fitted on a bounded sample, applied to any article.

The model is fitted rarely (see `needs_refit`) on at most `MAX_FIT_DOCS` articles and stored; every article,
old or new, is themed by the same stored model with `ThemeModel.assign`, which solves a small non-negative
least-squares problem per article (`nonnegative_projection`), so its themes do not depend on its batch.

Input documents are term-count pairs from `pipelines.topics.terms` (one tokenisation pass per article).
"""

from __future__ import annotations

import hashlib
import io
import math
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
import scipy.sparse as sp
from threadpoolctl import threadpool_limits

from pipelines.topics.terms import TermCounts, term_counts

TOP_TERMS = 10
LABEL_TERMS = 3
MAX_THEMES_PER_ARTICLE = 3
# Share of an article's TF-IDF norm explained by one theme (w_j * <h_j, x>, in [0, 1]); below it the theme is
# noise for that article, and an article no theme explains this well gets no theme at all. On the bench corpus
# 0.02 themes 68 % of the articles (84 % of those with 60+ terms); 0.03 only 58 %.
MIN_WEIGHT = 0.02
# No theme may hold more than this share of the fitted sample's articles: a theme past it is a catch-all (generic
# prose such as 开始/天气/城市), so its weight threshold is raised until it holds only this share (`cap_thresholds`).
MAX_THEME_SHARE = 0.10
MAX_THEMES = 40  # more than this is hard to browse and slow to fit
MAX_FIT_DOCS = 6000  # the model is fitted on a deterministic sample of at most this many articles
MAX_FEATURES = 20000
PROJECTION_ITERATIONS = 60  # the objective moves < 0.1 % between 50 and 200 steps on the bench corpus
# NMF's BLAS calls spawn a helper thread per core and burn ~3x their CPU on a busy machine; one is enough.
BLAS_THREADS = 1


@dataclass(frozen=True)
class ThemeRow:
    theme_no: int
    top_terms: list[str]
    label: str
    n_articles: int  # articles that kept this theme (counted over the documents passed to `fit_themes`)


@dataclass(frozen=True)
class ArticleThemeRow:
    article_id: str
    theme_no: int
    weight: float  # in [0, 1]: share of the article's TF-IDF norm the theme explains
    rank: int  # 1 = strongest theme of the article


@dataclass
class ThemeModelResult:
    model_version: str
    n_themes: int
    themes: list[ThemeRow] = field(default_factory=list)
    article_themes: list[ArticleThemeRow] = field(default_factory=list)


def default_n_themes(n_docs: int) -> int:
    # ~sqrt(n/2): 7 docs -> 2, 1k -> 22, capped at MAX_THEMES: a browsable set.
    return max(1, min(MAX_THEMES, int(round(math.sqrt(n_docs / 2)))))


def model_version(
    sample_ids: list[str], k: int, vocabulary: list[str] | None = None, components: np.ndarray | None = None
) -> str:
    """themes-<hash>-k<k>: the hash covers the sample and what was fitted on it (terms and weights), so a new
    tokenizer or recipe on the same sample is a new run, and refitting the same thing gives the same version."""
    h = hashlib.sha1("\n".join(sorted(sample_ids)).encode("utf-8"))
    if vocabulary is not None:
        h.update("\n".join(vocabulary).encode("utf-8"))
    if components is not None:
        h.update(np.round(components, 6).tobytes())
    return f"themes-{h.hexdigest()[:10]}-k{k}"


def needs_refit(
    last_created: datetime | None, last_corpus: int, corpus: int, now: datetime, growth: float, max_age: timedelta
) -> bool:
    """Refit when there is no model yet, the corpus grew by `growth` (a fraction) since the last fit, or the
    last fit is older than `max_age`; otherwise the latest model themes the new articles."""
    if last_created is None:
        return corpus > 0
    if corpus > last_corpus * (1.0 + growth):
        return True
    return corpus > 0 and now - last_created >= max_age


@dataclass
class ThemeModel:
    vocabulary: list[str]
    idf: np.ndarray  # (V,)
    components: np.ndarray  # (k, V), non-negative theme-term weights
    top_terms: list[list[str]]
    version: str
    labels: list[str] = field(default_factory=list)  # readable Chinese label per theme (distinctive terms)
    # Per theme, the least weight that assigns it (>= MIN_WEIGHT; higher for a would-be catch-all theme).
    min_weights: list[float] = field(default_factory=list)

    @property
    def n_themes(self) -> int:
        return int(self.components.shape[0])

    def label(self, j: int) -> str:
        return self.labels[j] if j < len(self.labels) and self.labels[j] else theme_label(self.top_terms[j])

    def matrix(self, docs: list[TermCounts]) -> sp.csr_matrix:
        """Sublinear TF-IDF rows, L2-normalised, over the model's vocabulary (unknown terms dropped)."""
        index = {t: i for i, t in enumerate(self.vocabulary)}
        rows, cols, vals = [], [], []
        for r, (terms, counts) in enumerate(docs):
            for t, n in zip(terms, counts):
                i = index.get(t)
                if i is not None and n > 0:
                    rows.append(r)
                    cols.append(i)
                    vals.append((1.0 + math.log(n)) * self.idf[i])
        x = sp.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(self.vocabulary)), dtype=np.float64)
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ x)

    def thresholds(self) -> np.ndarray:
        if len(self.min_weights) == self.n_themes:
            return np.maximum(np.asarray(self.min_weights, dtype=np.float64), MIN_WEIGHT)
        return np.full(self.n_themes, MIN_WEIGHT)

    def explained(self, docs: list[TermCounts]) -> np.ndarray:
        """(n, k): share of each document's TF-IDF norm each theme explains, in [0, 1]."""
        h = self.components
        b = np.asarray(self.matrix(docs) @ h.T)  # (n, k): <h_j, x>
        w = nonnegative_projection(b, h @ h.T)
        return np.clip(w * b, 0.0, 1.0)

    def assign(self, docs: list[TermCounts]) -> list[list[tuple[int, float]]]:
        """Per document: up to MAX_THEMES_PER_ARTICLE (theme_no, weight) with weight at or above the theme's
        threshold (`thresholds`), strongest first; none when no theme explains the document well enough."""
        if not docs or self.n_themes == 0:
            return [[] for _ in docs]
        return select_themes(self.explained(docs), self.thresholds())

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        np.savez_compressed(
            buf,
            vocabulary=np.array(self.vocabulary, dtype=str),
            idf=self.idf,
            components=self.components,
            top_terms=np.array(["\t".join(t) for t in self.top_terms], dtype=str),
            labels=np.array(self.labels, dtype=str),
            version=np.array(self.version),
            min_weights=np.asarray(self.min_weights, dtype=np.float64),
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes) -> ThemeModel:
        with np.load(io.BytesIO(blob), allow_pickle=False) as z:
            min_weights = [float(v) for v in z["min_weights"]] if "min_weights" in z.files else []
            return cls(
                [str(t) for t in z["vocabulary"]],
                z["idf"],
                z["components"],
                [str(t).split("\t") if str(t) else [] for t in z["top_terms"]],
                str(z["version"]),
                [str(t) for t in z["labels"]],
                min_weights,
            )


def select_themes(explained: np.ndarray, thresholds: np.ndarray) -> list[list[tuple[int, float]]]:
    out = []
    for row in explained:
        kept = [j for j in np.argsort(-row, kind="stable") if row[j] >= thresholds[j]][:MAX_THEMES_PER_ARTICLE]
        out.append([(int(j), round(float(row[j]), 4)) for j in kept])
    return out


def cap_thresholds(explained: np.ndarray, max_share: float = MAX_THEME_SHARE, rounds: int = 10) -> np.ndarray:
    """Per-theme weight thresholds (>= MIN_WEIGHT) under which no theme is assigned to more than `max_share` of
    these documents (or twice the even share 1/k, whichever is more). Raising a catch-all's threshold can hand its
    articles a theme further down their list, so this repeats until no theme is over the cap (a few rounds)."""
    n, k = explained.shape
    thresholds = np.full(k, MIN_WEIGHT)
    # With few themes (a small corpus) an even split already gives each more than the cap: allow twice that.
    cap = max(1, int(math.floor(max(max_share, 2.0 / max(k, 1)) * n)))
    for _ in range(rounds):
        members: list[list[float]] = [[] for _ in range(k)]
        for i, themes in enumerate(select_themes(explained, thresholds)):
            for j, _ in themes:
                members[j].append(float(explained[i, j]))
        over = [j for j in range(k) if len(members[j]) > cap]
        if not over:
            break
        for j in over:
            weights = np.sort(np.asarray(members[j]))[::-1]
            # the cap-th strongest member keeps the theme, the next does not
            thresholds[j] = float(np.nextafter(weights[cap], np.inf))
    return thresholds


def nonnegative_projection(b: np.ndarray, gram: np.ndarray, iterations: int = PROJECTION_ITERATIONS) -> np.ndarray:
    """Per row, w >= 0 minimising ||x - w H||^2 (given b = x H^T and gram = H H^T) by accelerated projected
    gradient with a fixed number of steps: rows never interact, so an article's weights do not depend on the
    batch it is scored in, and a batch costs a few small matrix products."""
    if b.size == 0:
        return np.zeros_like(b)
    step = 1.0 / max(float(np.linalg.eigvalsh(gram)[-1]), 1e-12)
    w = np.zeros_like(b)
    y = w.copy()
    t = 1.0
    for _ in range(iterations):
        w_next = np.maximum(y - step * (y @ gram - b), 0.0)
        t_next = (1.0 + math.sqrt(1.0 + 4.0 * t * t)) / 2.0
        y = w_next + ((t - 1.0) / t_next) * (w_next - w)
        w, t = w_next, t_next
    return w


def _vocabulary(docs: list[TermCounts]) -> tuple[list[str], np.ndarray]:
    n = len(docs)
    df: dict[str, int] = {}
    total: dict[str, int] = {}
    for terms, counts in docs:
        for t, c in zip(terms, counts):
            df[t] = df.get(t, 0) + 1
            total[t] = total.get(t, 0) + c
    # Small corpora cannot afford df filtering: every term would vanish.
    min_df = 2 if n >= 50 else 1
    max_df = 0.5 * n if n >= 20 else n
    kept = [t for t, d in df.items() if min_df <= d <= max_df]
    kept.sort(key=lambda t: (-total[t], t))
    vocabulary = sorted(kept[:MAX_FEATURES])
    idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in vocabulary])
    return vocabulary, idf


def fit_theme_model(
    docs: list[TermCounts], sample_ids: list[str], n_themes: int | None = None, seed: int = 0
) -> ThemeModel | None:
    """Fit NMF on the given (already sampled) documents; None when nothing usable is left."""
    docs_ids = [(d, a) for d, a in zip(docs, sample_ids) if d[0]]
    if not docs_ids:
        return None
    used = [d for d, _ in docs_ids]
    vocabulary, idf = _vocabulary(used)
    if not vocabulary:
        return None
    probe = ThemeModel(vocabulary, idf, np.zeros((0, len(vocabulary))), [], "")
    x = probe.matrix(used)
    k = max(1, min(n_themes or default_n_themes(len(used)), len(used), len(vocabulary)))
    from sklearn.decomposition import NMF

    with warnings.catch_warnings(), threadpool_limits(limits=BLAS_THREADS):
        warnings.simplefilter("ignore")  # convergence chatter on tiny inputs
        nmf = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=200, tol=1e-3)
        nmf.fit(x)
    h = np.asarray(nmf.components_, dtype=np.float64)
    top = [[vocabulary[i] for i in np.argsort(-h[j], kind="stable")[:TOP_TERMS] if h[j, i] > 0] for j in range(k)]
    version = model_version([a for _, a in docs_ids], k, vocabulary, h)
    model = ThemeModel(vocabulary, idf, h, top, version, distinctive_labels(h, vocabulary))
    with threadpool_limits(limits=BLAS_THREADS):
        # rounded up, so the stored threshold never admits a member the cap left out
        model.min_weights = [math.ceil(float(t) * 1e6) / 1e6 for t in cap_thresholds(model.explained(used))]
    return model


def distinctive_labels(h: np.ndarray, vocabulary: list[str], n_terms: int = LABEL_TERMS) -> list[str]:
    """A label per theme from the terms that are both heavy in it and rare in the other themes:
    weight x (its share of the term's weight over all themes). 地震、震区、余震 rather than 地震/发生/造成."""
    share = h / np.maximum(h.sum(axis=0, keepdims=True), 1e-12)
    distinct = h * share
    labels = []
    for j in range(h.shape[0]):
        terms = [vocabulary[i] for i in np.argsort(-distinct[j], kind="stable")[:n_terms] if distinct[j, i] > 0]
        labels.append("、".join(terms))
    return labels


def theme_label(top_terms: list[str]) -> str:
    """Fallback label (a model saved without distinctive labels)."""
    return "、".join(top_terms[:LABEL_TERMS])


def fit_themes(
    texts: list[str], article_ids: list[str], n_themes: int | None = None, seed: int = 0
) -> ThemeModelResult:
    """Tokenise, fit on (a sample of) the texts and theme all of them: the one-shot form of the stored model."""
    if len(texts) != len(article_ids):
        raise ValueError("texts and article_ids must have the same length")
    docs = [term_counts(t or "") for t in texts]
    sample = sample_indices(len(docs), MAX_FIT_DOCS, seed)
    model = fit_theme_model([docs[i] for i in sample], [article_ids[i] for i in sample], n_themes, seed)
    if model is None:
        return ThemeModelResult(model_version(list(article_ids), 0), 0)
    rows: list[ArticleThemeRow] = []
    counts = np.zeros(model.n_themes, dtype=int)
    with threadpool_limits(limits=BLAS_THREADS):
        assigned = model.assign(docs)
    for aid, themes in zip(article_ids, assigned):
        for rank, (j, weight) in enumerate(themes, 1):
            rows.append(ArticleThemeRow(aid, j, weight, rank))
            counts[j] += 1
    themes = [ThemeRow(j, model.top_terms[j], model.label(j), int(counts[j])) for j in range(model.n_themes)]
    return ThemeModelResult(model.version, model.n_themes, themes, rows)


def sample_indices(n: int, limit: int, seed: int = 0) -> list[int]:
    if n <= limit:
        return list(range(n))
    return sorted(int(i) for i in np.random.default_rng(seed).choice(n, limit, replace=False))
