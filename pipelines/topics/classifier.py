"""IPTC topic classifier: TF-IDF + one-vs-rest logistic regression, plus seed lexicons.

Two sets of one-vs-rest heads share the features: one head per IPTC class, and one per source label (THUCNews
realty, TNEWS news_car, NLPCC food ...). A merged IPTC class such as economy (finance + stocks + realty + cars +
agriculture) is a union of unlike clusters that one linear head separates poorly; its source labels are each
coherent. A class's score is the mean of its IPTC head and its best source head.

The artifact is plain arrays (npz) + json, no pickle: it cannot execute code on
load, survives sklearn upgrades, and loads in well under a second.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from pipelines.package_files import models_dir
from pipelines.topics import taxonomy
from pipelines.topics.tokenize import MAX_BODY_CHARS, RESOURCES, compose, features, normalize, strip_lead

MODEL_DIR = models_dir() / "topics"
ARTIFACT = "topics_lr.npz"
META = "meta.json"

# Lexicon contribution: p_lex = alpha * (1 - exp(-strength / beta)).  alpha < 1
# keeps a lexicon-only class from ever claiming certainty on a couple of words.
DEFAULT_LEX_ALPHA = 0.85
DEFAULT_LEX_BETA = 8.0  # one title term -> ~0.27, a teaser full of them -> ~0.7
TITLE_LEX_WEIGHT = 2.0  # a lexicon term in the headline counts this much extra
PER_TERM_CAP = 3  # repeated mentions of one term saturate
DEFAULT_THRESHOLD = 0.35  # on calibrated probabilities, the same for every class
MAX_LABELS = 5
TOPIC_HEAD_WEIGHT = 0.5  # class score = this x IPTC head + the rest x best source-label head


class Head(NamedTuple):
    """One row of the coefficient matrix: an IPTC class head or a source-label head, and the class it scores."""

    kind: str  # "topic" | "source"
    label: str  # IPTC key, or the source label (realty, news_car, food ...)
    topic: str  # IPTC key it counts towards


class Lexicon:
    """Seed term lists per class, matched as substrings in one regex pass."""

    def __init__(self, terms: dict[str, dict[str, float]]):
        self.keys = list(terms)
        self.terms = terms
        # term -> [(class index, weight)]; a term may belong to several classes
        # (台风 is both weather and disaster).
        # A negative weight marks a cue that the class does NOT apply although its terms occur
        # (演练: a rescue drill is not a disaster); such hits damp the class instead of raising it.
        self._owners: dict[str, list[tuple[int, float]]] = {}
        for ci, key in enumerate(self.keys):
            for term, w in terms[key].items():
                self._owners.setdefault(term, []).append((ci, w))
        alts = sorted(self._owners, key=len, reverse=True)  # longest match wins
        self._re = re.compile("|".join(map(re.escape, alts))) if alts else None

    @classmethod
    def from_resources(cls, keys: Iterable[str] = taxonomy.LEXICON_KEYS, directory: Path = RESOURCES) -> Lexicon:
        terms: dict[str, dict[str, float]] = {}
        for key in keys:
            path = directory / f"lexicon_{key}.txt"
            entries: dict[str, float] = {}
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                term, _, w = line.partition("\t")
                entries[normalize(term.strip())] = float(w) if w.strip() else 1.0
            terms[key] = entries
        return cls(terms)

    def _counts(self, text: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        if self._re is not None and text:
            for m in self._re.finditer(text):
                t = m.group()
                counts[t] = counts.get(t, 0) + 1
        return counts

    def evidence(self, title: str, body: str) -> tuple[np.ndarray, np.ndarray]:
        """(for, against) evidence per class (len(keys),): capped term counts x weights; negative-weight cues
        count against."""
        pos = np.zeros(len(self.keys), dtype=np.float32)
        neg = np.zeros(len(self.keys), dtype=np.float32)
        title = normalize(title or "")
        body = strip_lead(normalize(body or ""))[:MAX_BODY_CHARS]
        for text, mult in ((title, 1.0 + TITLE_LEX_WEIGHT), (body, 1.0)):
            for term, n in self._counts(text).items():
                for ci, w in self._owners[term]:
                    if w >= 0:
                        pos[ci] += mult * w * min(n, PER_TERM_CAP)
                    else:
                        neg[ci] -= mult * w * min(n, PER_TERM_CAP)
        # Long bodies collect incidental hits; damp by length so a 1,200-char
        # article needs more evidence than a teaser.
        pos /= np.sqrt(1.0 + len(body) / 600.0)
        return pos, neg

    def strength(self, title: str, body: str) -> np.ndarray:
        """Evidence for each class (len(keys),)."""
        return self.evidence(title, body)[0]

    def hits(self, text: str) -> dict[str, list[str]]:
        """Matched terms per class (for weak labelling and debugging)."""
        res: dict[str, list[str]] = {}
        for term in self._counts(normalize(text)):
            for ci, _ in self._owners[term]:
                res.setdefault(self.keys[ci], []).append(term)
        return res


def vectorize(docs: Sequence[list[str]], vocab: dict[str, int], idf: np.ndarray) -> sp.csr_matrix:
    """Sublinear-tf x idf, L2-normalised rows (same recipe as sklearn's TfidfVectorizer)."""
    indptr = [0]
    indices: list[int] = []
    get = vocab.get
    for feats in docs:
        ids = [i for i in map(get, feats) if i is not None]
        indices.extend(ids)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    X = sp.csr_matrix((data, np.asarray(indices, dtype=np.int32), np.asarray(indptr)), shape=(len(docs), len(vocab)))
    X.sum_duplicates()
    X.data = (1.0 + np.log(X.data)) * idf[X.indices]
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    X = sp.diags(1.0 / norms).dot(X).tocsr()
    return X.astype(np.float32)


def calibrate(p: np.ndarray, calibration: Sequence[Sequence[float]] | None) -> np.ndarray:
    """Per-class Platt scaling of raw scores: sigmoid(a * logit(p) + b), (a, b) fitted on held-back rows, so one
    threshold means the same probability for every class. Without calibration the scores pass through."""
    if not calibration:
        return p
    ab = np.asarray(calibration, dtype=np.float64)
    z = np.log(np.clip(p, 1e-6, 1 - 1e-6)) - np.log1p(-np.clip(p, 1e-6, 1 - 1e-6))
    return (1.0 / (1.0 + np.exp(-(z * ab[:, 0] + ab[:, 1])))).astype(np.float32)


@dataclass
class TopicClassifier:
    vocab: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (n_heads, n_features)
    intercept: np.ndarray  # (n_heads,)
    lexicon: Lexicon
    meta: dict = field(default_factory=dict)
    threshold: float = DEFAULT_THRESHOLD
    heads: list[Head] = field(default_factory=lambda: [Head("topic", k, k) for k in taxonomy.KEYS])

    def __post_init__(self) -> None:
        if len(self.heads) != self.coef.shape[0]:
            raise ValueError(f"{len(self.heads)} heads for {self.coef.shape[0]} coefficient rows")
        column = {k: j for j, k in enumerate(taxonomy.KEYS)}
        self._topic_rows = np.array([i for i, h in enumerate(self.heads) if h.kind == "topic"], dtype=np.int64)
        self._topic_cols = np.array([column[self.heads[i].topic] for i in self._topic_rows], dtype=np.int64)
        self._source_rows = np.array([i for i, h in enumerate(self.heads) if h.kind == "source"], dtype=np.int64)
        self._source_cols = np.array([column[self.heads[i].topic] for i in self._source_rows], dtype=np.int64)

    # ---- persistence -------------------------------------------------------
    @classmethod
    def load(cls, model_dir: str | Path | None = None) -> TopicClassifier:
        d = Path(model_dir) if model_dir else MODEL_DIR
        meta = json.loads((d / META).read_text(encoding="utf-8"))
        if meta["classes"] != taxonomy.CODES:
            raise ValueError("artifact class order does not match taxonomy.IPTC_TOPICS; retrain")
        with np.load(d / ARTIFACT, allow_pickle=False) as z:
            vocab_list = z["vocab"].tolist()
            idf = z["idf"].astype(np.float32)
            coef = (
                z["coef"].astype(np.float32) * z["coef_scale"][:, None]
                if "coef_scale" in z
                else z["coef"].astype(np.float32)
            )
            intercept = z["intercept"].astype(np.float32)
        vocab = {f: i for i, f in enumerate(vocab_list)}
        heads = [Head(*h) for h in meta["heads"]] if "heads" in meta else [Head("topic", k, k) for k in taxonomy.KEYS]
        return cls(
            vocab,
            idf,
            coef,
            intercept,
            Lexicon.from_resources(meta["lexicon_keys"]),
            meta,
            meta.get("threshold", DEFAULT_THRESHOLD),
            heads,
        )

    def save(self, model_dir: str | Path | None = None) -> Path:
        d = Path(model_dir) if model_dir else MODEL_DIR
        d.mkdir(parents=True, exist_ok=True)
        vocab_list = sorted(self.vocab, key=self.vocab.__getitem__)
        # int8 coefficients with one scale per head (max |w| / 127) quarter the artifact; training puts every
        # coefficient on that grid first (train.quantized), so the stored model is exactly the evaluated one.
        scale = np.abs(self.coef).max(axis=1) / 127.0
        scale[scale == 0] = 1.0
        np.savez_compressed(
            d / ARTIFACT,
            vocab=np.array(vocab_list),
            idf=self.idf.astype(np.float32),
            coef=np.round(self.coef / scale[:, None]).astype(np.int8),
            coef_scale=scale.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
        )
        meta = dict(
            self.meta,
            classes=taxonomy.CODES,
            lexicon_keys=self.lexicon.keys,
            threshold=self.threshold,
            heads=[list(h) for h in self.heads],
        )
        (d / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        return d

    # ---- scoring -------------------------------------------------------------
    @property
    def version(self) -> str:
        return self.meta.get("version", "topics-lr-unknown")

    def model_scores(self, docs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Linear-model probabilities only, (n, 17): the mean of each class's IPTC head and its best source head
        (the IPTC head alone where no source label maps to the class)."""
        X = vectorize([features(compose(t, b)) for t, b in docs], self.vocab, self.idf)
        heads = 1.0 / (1.0 + np.exp(-(X @ self.coef.T + self.intercept)))
        n, k = heads.shape[0], len(taxonomy.KEYS)
        # a class without a head of its own scores like an empty intercept
        topic = np.full((n, k), 1.0 / (1.0 + np.exp(6.0)), dtype=heads.dtype)
        topic[:, self._topic_cols] = heads[:, self._topic_rows]
        if not len(self._source_rows):
            return topic
        source = np.full((n, k), -1.0, dtype=heads.dtype)
        np.maximum.at(source.T, self._source_cols, heads[:, self._source_rows].T)
        source = np.where(source < 0, topic, source)
        return TOPIC_HEAD_WEIGHT * topic + (1.0 - TOPIC_HEAD_WEIGHT) * source

    def raw_scores(self, docs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Uncalibrated per-class scores (balanced-class model noisy-OR lexicons), (n, 17)."""
        if not docs:
            return np.zeros((0, len(taxonomy.CODES)), dtype=np.float32)
        p = self.model_scores(docs)
        alpha = self.meta.get("lex_alpha", DEFAULT_LEX_ALPHA)
        beta = self.meta.get("lex_beta", DEFAULT_LEX_BETA)
        cols = [taxonomy.KEYS.index(k) for k in self.lexicon.keys]
        evidence = [self.lexicon.evidence(t, b) for t, b in docs]
        S = np.stack([e[0] for e in evidence])
        against = np.stack([e[1] for e in evidence])
        p_lex = alpha * (1.0 - np.exp(-S / beta))
        # noisy-OR: either source alone can raise a class, neither can lower it ...
        p[:, cols] = 1.0 - (1.0 - p[:, cols]) * (1.0 - p_lex)
        # ... except a counter-cue (a drill, an exercise), which divides the class down: a title hit by 4.
        p[:, cols] = p[:, cols] / (1.0 + against)
        return np.clip(p, 0.0, 1.0)

    def scores(self, docs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Calibrated per-class probabilities in [0, 1], (n, 17), columns in IPTC_TOPICS order."""
        return calibrate(self.raw_scores(docs), self.meta.get("calibration"))

    def ranked_many(self, docs: Sequence[tuple[str, str]]) -> list[list[tuple[str, float]]]:
        """All 17 (code, calibrated score) per document, ordered by the raw balanced-model scores.

        The order is the raw one: it ranks best on balanced data, while the calibrated scores carry the class mix of
        their calibration rows (headline sets, or hand-labelled bench articles for the lexicon-only classes). The
        score is the calibrated probability, which decides which classes beyond the first are labels
        (`threshold`)."""
        raw = self.raw_scores(docs)
        cal = calibrate(raw, self.meta.get("calibration"))
        return [[(taxonomy.CODES[j], float(c[j])) for j in np.argsort(-r, kind="stable")] for r, c in zip(raw, cal)]

    def assigned_labels(self, ranked: list[tuple[str, float]]) -> list[tuple[str, float]]:
        return [ranked[0]] + [(code, score) for code, score in ranked[1:] if score >= self.threshold][: MAX_LABELS - 1]

    def predict_many(self, docs: Sequence[tuple[str, str]], batch_size: int = 512) -> list[list[tuple[str, float]]]:
        out: list[list[tuple[str, float]]] = []
        docs = list(docs)
        for i in range(0, len(docs), batch_size):
            out.extend(self.assigned_labels(r) for r in self.ranked_many(docs[i : i + batch_size]))
        return out

    def predict(self, title: str, body: str) -> list[tuple[str, float]]:
        return self.predict_many([(title, body)])[0]

    def scores_ranked(self, title: str, body: str) -> list[tuple[str, float]]:
        """All 17 (code, score) pairs, best first (no threshold); see `ranked_many`."""
        return self.ranked_many([(title, body)])[0]


@cache
def default_classifier() -> TopicClassifier:
    return TopicClassifier.load()
