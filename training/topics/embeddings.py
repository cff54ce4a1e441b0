"""Feature embeddings learned from unlabelled text (LSA), folded into the topic classifier's linear heads.

The classifier reads sparse TF-IDF features (words, character n-grams). A headline of 15 characters shares few of
them with the labelled rows, so a word never seen with a label gets no weight. Here every feature gets a
k-dimensional vector from the unlabelled text we have (bench broadcast news cut into chunks, People's Daily
sentences of the NER sets, the training headlines themselves): the right singular vectors of the corpus's TF-IDF
matrix (latent semantic analysis), so features that occur in the same documents get similar vectors.

A document's embedding is X @ E (its TF-IDF row times the feature vectors). Each head first gets a dense
logistic regression on the standardised embeddings; that head's logit, linear in X, is one extra column of the
sparse fit, and both fold back into sparse coefficients (`fold`). The stored artifact and the run-time code are
the same as without embeddings; a feature seen only in the unlabelled text gets a weight from its neighbours.

Pure module: no Dagster.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.utils.extmath import randomized_svd
from threadpoolctl import threadpool_limits

from pipelines.topics.tokenize import compose, features

# Bench bodies are cut into pieces of about this many characters at sentence ends: co-occurrence within a whole
# 1,000-character broadcast item is too loose (it mixes the item's several subjects), a sentence is too short.
CHUNK_CHARS = 200
_SENTENCE_END = "。！？!?\n"


def chunks(body: str, size: int = CHUNK_CHARS) -> list[str]:
    """The body cut at sentence ends into pieces of at least `size` characters (the last one may be shorter);
    a body without sentence ends is one piece; blank pieces are dropped."""
    out: list[str] = []
    start = 0
    for i, ch in enumerate(body):
        if ch in _SENTENCE_END and i + 1 - start >= size:
            out.append(body[start : i + 1])
            start = i + 1
    out.append(body[start:])
    return [c.strip() for c in out if c.strip()]


def jsonl_texts(path: Path, skip: Iterable[int] = ()) -> Iterator[str]:
    """The `text` field of each line of a JSONL file, leaving out the line indices in `skip` (a dev set's lines)."""
    skipped = set(skip)
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i not in skipped:
                yield json.loads(line)["text"]


def lsa_vectors(X: sp.csr_matrix, dim: int, seed: int) -> np.ndarray:
    """(n_features, dim) feature vectors: the top right singular vectors of the corpus TF-IDF matrix X, each
    column's sign fixed (largest entry positive) so that reruns agree. One BLAS thread: the same bits every run."""
    with threadpool_limits(limits=1):
        _, _, vt = randomized_svd(X, dim, n_iter=5, random_state=seed)
    signs = np.sign(vt[np.arange(dim), np.abs(vt).argmax(axis=1)])
    signs[signs == 0] = 1.0
    return (vt * signs[:, None]).T.astype(np.float32)


def with_logit(X: sp.csr_matrix, w: np.ndarray, b: float) -> sp.csr_matrix:
    """[X, X @ w + b]: a head's sparse features plus the logit of its dense head as one more column, so the sparse
    fit learns how far to trust the dense head (stacking as a feature; one column keeps the fit as fast as
    before, where the embedding columns themselves made liblinear many times slower)."""
    z = (X @ w + b).astype(np.float32)
    return sp.hstack([X, sp.csr_matrix(z[:, None])], format="csr")


def fold(coef: np.ndarray, intercept: float, w: np.ndarray, b: float) -> tuple[np.ndarray, float]:
    """A head fitted on `with_logit`'s columns as coefficients over X alone, and its intercept:
    u . x + a (w . x + b) + c = (u + a w) . x + (c + a b), a being the last coefficient."""
    a = float(coef[-1])
    return (coef[:-1] + a * w).astype(np.float32), float(intercept + a * b)


def unlabelled_texts(
    bench: Iterable[tuple[str, str]],
    headlines: Iterable[str],
    ner_dir: Path,
    ner_files: dict[str, Iterable[int]],
) -> Iterator[str]:
    """The unlabelled corpus, one document per item: each bench title and each chunk of its body, each sentence
    of the NER files (`ner_files`: file name -> line indices to leave out, a dev set's lines), each training
    headline. Never held-back or hand-labelled rows: the caller passes only training parts, the bench without its
    hand-labelled articles and the passages' lines as `skip`."""
    for title, body in bench:
        yield title
        yield from chunks(body)
    for name, skip in ner_files.items():
        if (ner_dir / name).exists():
            yield from jsonl_texts(ner_dir / name, skip)
    yield from headlines


def dense_heads(X: sp.csr_matrix, E: np.ndarray, targets, weights, C: float) -> dict[object, tuple[np.ndarray, float]]:
    """Per head, a logistic regression on the standardised embeddings X @ E alone, folded to sparse coefficients
    over X: {head: (coefficients, intercept)}. `targets` is the trainer's [(head, 0/1 array)]; heads with fewer
    than 5 positives are left out, as in the sparse fit."""
    from sklearn.linear_model import LogisticRegression

    Z = np.asarray(X @ E, dtype=np.float64)
    mu, sd = Z.mean(axis=0), Z.std(axis=0)
    sd[sd == 0] = 1.0
    Zs = (Z - mu) / sd
    out = {}
    with threadpool_limits(limits=1):
        for head, y in targets:
            if y.sum() < 5:
                continue
            m = LogisticRegression(C=C, solver="lbfgs", class_weight="balanced", max_iter=500)
            m.fit(Zs, y, sample_weight=weights)
            v = m.coef_[0] / sd
            out[head] = ((E @ v).astype(np.float32), float(m.intercept_[0] - v @ mu))
    return out


def corpus_features(
    bench: Iterable[tuple[str, str]],
    headlines: Iterable[str],
    ner_dir: Path,
    ner_files: Iterable[str],
    skip: dict[str, set[int]],
) -> list[list[str]]:
    """The classifier's feature lists of `unlabelled_texts` (each piece read as a body without a title)."""
    files = {name: skip.get(name, set()) for name in ner_files}
    return [features(compose("", text)) for text in unlabelled_texts(bench, headlines, ner_dir, files)]
