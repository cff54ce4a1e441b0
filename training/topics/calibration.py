"""Per-class Platt calibration of the raw topic scores, so one threshold means the same probability everywhere.

Classes with gold headline rows are calibrated on held-back headlines. The six lexicon-only classes (crime,
disaster, environment, labour, religion, weather) have no labelled source: they are calibrated on the
hand-labelled bench articles of `models/topics/dev` (the calibration half; the other half scores the result).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from pipelines.topics import taxonomy
from pipelines.topics.classifier import TopicClassifier

CALIBRATION_MIN_POSITIVES = 20
# A lexicon-only class with fewer positives in the dev calibration half shares one fit with the others: they are
# scored by the same noisy-OR recipe, so one (a, b) is a fair estimate, and two parameters on a handful of
# positives are not.
LEXICON_MIN_POSITIVES = 12
LEXICON_ONLY = taxonomy.UNLABELLED_KEYS
IDENTITY = [1.0, 0.0]


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p.astype(np.float64), 1e-6, 1 - 1e-6)
    return np.log(p) - np.log1p(-p)


def platt(z: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> list[float]:
    # Not class-balanced: balanced Platt (probability under equal priors) inflated every class and added
    # politics as a secondary label to 16 % of bench articles (11 % before calibration).
    m = LogisticRegression(C=100.0, solver="lbfgs", max_iter=1000)
    m.fit(z.reshape(-1, 1), y, sample_weight=weights)
    return [round(float(m.coef_[0, 0]), 6), round(float(m.intercept_[0]), 6)]


def fit_headline_calibration(clf: TopicClassifier, rows) -> list[list[float]]:
    """Per-class (a, b) from held-back headline rows (text, key, source); identity for classes without enough
    gold positives there (the lexicon-only classes)."""
    rows = [(t, k) for t, k, _ in rows if not k.startswith("~")]
    z = logit(clf.raw_scores([(t, "") for t, _ in rows]))
    out = []
    for j, key in enumerate(taxonomy.KEYS):
        y = np.array([k == key for _, k in rows], dtype=np.int8)
        out.append(platt(z[:, j], y) if y.sum() >= CALIBRATION_MIN_POSITIVES else list(IDENTITY))
    return out


def fit_lexicon_calibration(
    clf: TopicClassifier, records: Sequence, calibration: list[list[float]]
) -> tuple[list[list[float]], dict[str, str]]:
    """`calibration` with the lexicon-only classes fitted on hand-labelled articles (objects with title, body,
    labels and weight, the stratum's inverse sampling rate); returns it and how each class was fitted."""
    out = [list(ab) for ab in calibration]
    if not records:
        return out, dict.fromkeys(LEXICON_ONLY, "identity (no dev set)")
    z = logit(clf.raw_scores([(r.title, r.body) for r in records]))
    w = np.array([r.weight for r in records], dtype=np.float64)
    cols = [taxonomy.KEYS.index(k) for k in LEXICON_ONLY]
    y = {k: np.array([k in r.labels for r in records], dtype=np.int8) for k in LEXICON_ONLY}
    pooled = platt(
        np.concatenate([z[:, j] for j in cols]), np.concatenate([y[k] for k in LEXICON_ONLY]), np.tile(w, len(cols))
    )
    how = {}
    for key, j in zip(LEXICON_ONLY, cols):
        n = int(y[key].sum())
        if n >= LEXICON_MIN_POSITIVES:
            out[j], how[key] = platt(z[:, j], y[key], w), f"own fit ({n} positives)"
        else:
            out[j], how[key] = pooled, f"pooled fit ({n} positives of its own)"
    return out, how
