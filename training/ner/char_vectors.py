"""Character vectors from unlabelled text, for the character CNN (training/ner/neural.py).

Each character is described by the characters seen at offsets -2, -1, +1, +2 (positive PMI over the most
frequent context characters, one block per offset), reduced by truncated SVD. The text is the same as the
word clusters' (`clusters.corpus_lines`: bench dumps + NER training text): characters the labelled data
never shows still get a vector from how they are used in news. Deterministic (fixed seed).
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

OFFSETS = (-2, -1, 1, 2)
N_CONTEXT = 3000
MIN_COUNT = 5
SEED = 20240407


def char_vectors(lines, dims: int, min_count: int = MIN_COUNT) -> tuple[np.ndarray, np.ndarray]:
    """(code points, unit-variance vectors (n, dims)) of the characters seen at least min_count times."""
    from sklearn.decomposition import TruncatedSVD

    cp = np.frombuffer("\n".join(lines).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    counts = np.bincount(cp, minlength=0x110000)
    counts[ord("\n")] = 0
    chars = np.flatnonzero(counts >= min_count)
    chars = chars[np.argsort(-counts[chars], kind="stable")]
    id_of = np.full(0x110000, -1, np.int64)
    id_of[chars] = np.arange(len(chars))
    ids = id_of[cp]
    n_ctx = min(N_CONTEXT, len(chars))
    blocks = []
    for off in OFFSETS:
        a, b = (ids[:-off], ids[off:]) if off > 0 else (ids[-off:], ids[:off])
        keep = (a >= 0) & (b >= 0) & (b < n_ctx)
        m = sparse.coo_matrix((np.ones(int(keep.sum())), (a[keep], b[keep])), shape=(len(chars), n_ctx)).tocsr()
        m.sum_duplicates()
        blocks.append(m)
    X = sparse.hstack(blocks).tocsr()
    row = np.asarray(X.sum(1)).ravel()
    col = np.asarray(X.sum(0)).ravel()
    total = X.sum()
    X = X.tocoo()
    pmi = np.log(X.data * total / (row[X.row] * col[X.col] + 1e-12))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (X.row[keep], X.col[keep])), shape=X.shape)
    vec = TruncatedSVD(dims, random_state=SEED).fit_transform(ppmi)
    vec = (vec - vec.mean(0)) / (vec.std(0) + 1e-9)
    return chars, vec.astype(np.float32)
