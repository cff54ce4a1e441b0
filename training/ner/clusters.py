"""Distributional word clusters for the NER tagger: python -m training.ner.clusters

Unlabelled text (the bench corpus's raw dumps plus the training sentences, read from ../shared) is cut
into words with rjieba, as the tagger does; each frequent word is described by the words seen just
before and after it (positive PMI over the most frequent context words), reduced by truncated SVD and
grouped by k-means. The tagger gets the cluster of each character's word and of its neighbours, so a
rare name or place shares weights with the common ones it is used like.

Only words and cluster numbers are written (`resources/word_clusters.tsv`), no text. Deterministic for
the same input (fixed seeds).

Optional: the shipped model (ner-crf-1.1.0) was trained without clusters, and the file is not committed
(issue 22 round 2: with clusters, news dev and MSRA held-out F1 rose but PD and Weibo dev fell; figures in the
model card). To try them: run this, then `NER_MODEL_OUT=/tmp/x/ner_crf.npz make train-ner`; while the file
exists every model is scored with the cluster rows (zero weights for a model trained without them).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import rjieba

from pipelines.config import training_settings
from pipelines.extract.ner.features import CLUSTER_FILE, normalise

N_CLUSTERS = 256
MIN_COUNT = 5
N_CONTEXT = 3000
DIMS = 100
SEED = 20240407
NER_TEXT_SETS = ("msra_train", "cluener_train", "weibo_train", "resume_train")


def corpus_lines(bench_dir: Path, ner_dir: Path):
    """Normalised lines of unlabelled text: bench dumps (record separators dropped) and NER training text."""
    for p in sorted(bench_dir.glob("dump_*.txt")):
        for line in p.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and line != "-":
                yield normalise(line)
    for name in NER_TEXT_SETS:
        path = ner_dir / f"{name}.jsonl"
        if path.exists():
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    yield normalise(json.loads(line)["text"])


def build_clusters(lines) -> dict[str, int]:
    from scipy import sparse
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD

    docs = [[w for w in rjieba.cut(line) if not w.isspace()] for line in lines]
    counts = Counter(w for d in docs for w in d)
    vocab = [w for w, c in counts.most_common() if c >= MIN_COUNT and len(w) <= 8]
    wid = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:N_CONTEXT])}
    rows, cols = [], []
    for d in docs:
        ids = [wid.get(w, -1) for w in d]
        cids = [ctx.get(w, -1) for w in d]
        for k, i in enumerate(ids):
            if i < 0:
                continue
            # left context in columns [0, N), right context in [N, 2N); sentence edges have their own column
            left = cids[k - 1] if k else N_CONTEXT * 2
            right = (
                cids[k + 1] + N_CONTEXT
                if k + 1 < len(d) and cids[k + 1] >= 0
                else (N_CONTEXT * 2 + 1 if k + 1 == len(d) else -1)
            )
            if left >= 0:
                rows.append(i)
                cols.append(left)
            if right >= 0:
                rows.append(i)
                cols.append(right)
    C = sparse.coo_matrix((np.ones(len(rows), np.float64), (rows, cols)), shape=(len(vocab), 2 * N_CONTEXT + 2)).tocsr()
    C.sum_duplicates()
    total = C.sum()
    row_sum = np.asarray(C.sum(axis=1)).ravel()
    col_sum = np.asarray(C.sum(axis=0)).ravel() ** 0.75  # context smoothing (Levy et al.)
    col_sum *= total / col_sum.sum()
    C = C.tocoo()
    pmi = np.log(C.data * total / (row_sum[C.row] * col_sum[C.col]))
    keep = pmi > 0
    P = sparse.csr_matrix((pmi[keep], (C.row[keep], C.col[keep])), shape=C.shape)
    X = TruncatedSVD(DIMS, random_state=SEED).fit_transform(P)
    X /= np.linalg.norm(X, axis=1, keepdims=True) + 1e-9
    km = MiniBatchKMeans(N_CLUSTERS, random_state=SEED, batch_size=4096, n_init=3, max_iter=100)
    labels = km.fit_predict(X)
    return {w: int(c) for w, c in zip(vocab, labels)}


def write_clusters(clusters: dict[str, int], path: Path = CLUSTER_FILE) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            f"# word\tcluster — {len(clusters)} words, {N_CLUSTERS} clusters; "
            "built by python -m training.ner.clusters from the bench dumps and NER training text\n"
        )
        for w in sorted(clusters):
            fh.write(f"{w}\t{clusters[w]}\n")


def main() -> int:
    settings = training_settings()
    t0 = time.perf_counter()
    clusters = build_clusters(corpus_lines(settings.topics_bench_dir, settings.ner_data_dir))
    write_clusters(clusters)
    print(f"{len(clusters)} words in {N_CLUSTERS} clusters, {time.perf_counter() - t0:.0f}s -> {CLUSTER_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
