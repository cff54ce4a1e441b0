"""Train the character CNN correction of the CRF (pipelines/extract/ner/neural.py): python -m training.ner.neural

Plain numpy backprop (no training framework: nothing to install), Adam, CRF likelihood of
`scale * cross-fitted CRF emissions + cnn` (training/ner/crossfit.py, crf_loss.py). Scores the dev sets
of `make train-ner` with the shipped CRF + the correction, and writes $NER_NEURAL_OUT
(default models/ner/ner_charcnn.npz). Settings (environment, training only): NER_NEURAL_EPOCHS,
NER_NEURAL_DIMS ("emb,h1,h2"), NER_NEURAL_LR, NER_LIMIT (sentences per training set, for quick runs).
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse

from pipelines.extract.ner.features import normalise
from pipelines.extract.ner.neural import PAD, WIDTH1, WIDTH2, char_ids, vocab_table
from pipelines.extract.ner.tagger import DEFAULT_MODEL, CrfModel, NerTagger
from training.ner import evaluate
from training.ner import train as crf_train
from training.ner.crf_loss import crf_nll_grad
from training.ner.crossfit import crossfit

NEURAL_OUT = Path(os.environ.get("NER_NEURAL_OUT") or DEFAULT_MODEL.with_name("ner_charcnn.npz"))
EPOCHS = int(os.environ.get("NER_NEURAL_EPOCHS", "3"))
DIMS = tuple(int(x) for x in os.environ.get("NER_NEURAL_DIMS", "32,64,32").split(","))
LR = float(os.environ.get("NER_NEURAL_LR", "0.002"))
BATCH_CHARS = 4000
MIN_CHAR_FREQ = 2
DROPOUT = 0.1


def build_vocab(texts: list[str], min_freq: int = MIN_CHAR_FREQ) -> np.ndarray:
    """Code points of the normalised characters seen at least min_freq times, most frequent first."""
    freq = Counter(ch for t in texts for ch in t)
    return np.array([ord(c) for c, n in freq.most_common() if n >= min_freq], dtype=np.int64)


def init_params(n_chars: int, n_labels: int, dims: tuple[int, int, int], rng: np.random.Generator) -> dict:
    d, h1, h2 = dims
    he = lambda fan_in, shape: (rng.normal(size=shape) * np.sqrt(2.0 / fan_in)).astype(np.float32)  # noqa: E731
    return {
        "emb": (rng.normal(size=(n_chars + 2, d)) * 0.1).astype(np.float32),
        "W1": he(WIDTH1 * d, (WIDTH1 * d, h1)),
        "b1": np.zeros(h1, np.float32),
        "W2": he(WIDTH2 * h1, (WIDTH2 * h1, h2)),
        "b2": np.zeros(h2, np.float32),
        "W3": np.zeros((h2, n_labels), np.float32),  # starts as "no correction"
        "b3": np.zeros(n_labels, np.float32),
        "scale": np.array(1.0, np.float32),
    }


def cnn_forward(p: dict, ids: np.ndarray, idx: np.ndarray, rng: np.random.Generator | None = None):
    """(scores per character, what the backward pass needs); dropout when rng is given. The same
    arithmetic as `CharCnn.scores` (which folds layer 1 into lookups)."""
    n, d = len(idx), p["emb"].shape[1]
    win1 = idx[:, None] + np.arange(WIDTH1) - WIDTH1 // 2
    x1 = p["emb"][ids[win1]].reshape(n, WIDTH1 * d)
    a1 = x1 @ p["W1"] + p["b1"]
    h1 = np.maximum(a1, 0)
    mask1 = (rng.random(h1.shape) >= DROPOUT) / (1 - DROPOUT) if rng is not None else 1.0
    h1d = h1 * mask1
    padded = np.zeros((len(ids), h1.shape[1]), h1.dtype)
    padded[idx] = h1d
    x2 = np.concatenate([padded[idx - 1], h1d, padded[idx + 1]], axis=1)
    a2 = x2 @ p["W2"] + p["b2"]
    h2 = np.maximum(a2, 0)
    mask2 = (rng.random(h2.shape) >= DROPOUT) / (1 - DROPOUT) if rng is not None else 1.0
    h2d = h2 * mask2
    cache = (ids, idx, win1, x1, a1, mask1, padded, x2, a2, mask2, h2d)
    return h2d @ p["W3"] + p["b3"], cache


def cnn_backward(p: dict, cache: tuple, dout: np.ndarray) -> dict:
    ids, idx, win1, x1, a1, mask1, padded, x2, a2, mask2, h2d = cache
    n, d = len(idx), p["emb"].shape[1]
    g = {"W3": h2d.T @ dout, "b3": dout.sum(0)}
    da2 = (dout @ p["W3"].T) * mask2 * (a2 > 0)
    g["W2"], g["b2"] = x2.T @ da2, da2.sum(0)
    dx2 = da2 @ p["W2"].T
    h = a1.shape[1]
    dpadded = np.zeros_like(padded)
    dpadded[idx - 1] += dx2[:, :h]
    dpadded[idx + 1] += dx2[:, 2 * h :]
    da1 = (dx2[:, h : 2 * h] + dpadded[idx]) * mask1 * (a1 > 0)
    g["W1"], g["b1"] = x1.T @ da1, da1.sum(0)
    dx1 = (da1 @ p["W1"].T).reshape(n * WIDTH1, d)
    rows = ids[win1].ravel()
    onehot = sparse.csr_matrix(
        (np.ones(len(rows), dx1.dtype), (rows, np.arange(len(rows)))), shape=(len(p["emb"]), len(rows))
    )
    g["emb"] = np.asarray(onehot @ dx1)
    return g


def forward_backward(p, ids, idx, E_crf, trans, gold_flat, lens, rng=None):
    """Summed CRF NLL of one batch of sentences and the gradients of every parameter."""
    out, cache = cnn_forward(p, ids, idx, rng)
    s = float(p["scale"])
    E = s * E_crf + out
    B, T, L = len(lens), int(lens.max()), E.shape[1]
    n = len(idx)
    b_of = np.repeat(np.arange(B), lens)
    t_of = np.arange(n) - np.repeat(np.cumsum(lens) - lens, lens)
    Ep = np.zeros((B, T, L))
    Ep[b_of, t_of] = E
    gp = np.zeros((B, T), np.int64)
    gp[b_of, t_of] = gold_flat
    nll, dEp, dtrans = crf_nll_grad(Ep, lens, gp, s * trans)
    dE = dEp[b_of, t_of].astype(out.dtype)
    g = cnn_backward(p, cache, dE)
    g["scale"] = np.array(float((dE * E_crf).sum() + (dtrans * trans).sum()), out.dtype)
    return nll, g


class Adam:
    def __init__(self, params: dict, lr: float) -> None:
        self.lr, self.t = lr, 0
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}

    def step(self, params: dict, grads: dict, n_chars: int) -> None:
        self.t += 1
        b1, b2 = 0.9, 0.999
        for k, g in grads.items():
            g = g / n_chars
            self.m[k] = b1 * self.m[k] + (1 - b1) * g
            self.v[k] = b2 * self.v[k] + (1 - b2) * g * g
            mh = self.m[k] / (1 - b1**self.t)
            vh = self.v[k] / (1 - b2**self.t)
            params[k] = (params[k] - self.lr * mh / (np.sqrt(vh) + 1e-8)).astype(np.float32)


def batches(lens: np.ndarray, fold: np.ndarray, rng: np.random.Generator) -> list[np.ndarray]:
    """Sentence indices per batch: one fold at a time (its transitions), similar lengths together."""
    out = []
    for k in np.unique(fold):
        members = np.flatnonzero(fold == k)
        members = members[np.argsort(lens[members], kind="stable")]
        cur, n = [], 0
        for i in members.tolist():
            cur.append(i)
            n += lens[i]
            if n >= BATCH_CHARS:
                out.append(np.array(cur))
                cur, n = [], 0
        if cur:
            out.append(np.array(cur))
    rng.shuffle(out)
    return out


def save(path: Path, params: dict, chars: np.ndarray) -> None:
    np.savez_compressed(path, chars=chars, **{k: v.astype(np.float32) for k, v in params.items()})


def main() -> int:
    rng = np.random.default_rng(crf_train.SEED)
    train, dev = crf_train.load_splits(crf_train.data_dir())
    limit = crf_train.TRAINING.ner_limit
    records = [r for recs in train.values() for r in recs if r["text"].strip()]
    labels = CrfModel.load(DEFAULT_MODEL).labels
    work = crf_train.TRAINING.ner_work_dir
    work.mkdir(parents=True, exist_ok=True)
    E_of, trans, fold = crossfit(records, labels, work)
    if limit:
        keep = np.flatnonzero(np.random.default_rng(1).random(len(records)) < limit / len(records))
        records, E_of, fold = [records[i] for i in keep], [E_of[i] for i in keep], fold[keep]
    texts = [normalise(r["text"]) for r in records]
    lab_id = {lab: i for i, lab in enumerate(labels)}
    golds = [np.array([lab_id[x] for x in crf_train.bioes(r)], np.int64) for r in records]
    chars = build_vocab(texts)
    vocab_of = vocab_table(chars)
    lens = np.array([len(t) for t in texts])
    params = init_params(len(chars), len(labels), DIMS, rng)
    opt = Adam(params, LR)
    print(f"{len(records)} sentences, {int(lens.sum())} chars, vocabulary {len(chars)}, dims {DIMS}", flush=True)
    for epoch in range(EPOCHS):
        t0, total, seen = time.process_time(), 0.0, 0
        for b, sel in enumerate(batches(lens, fold, rng)):
            ids, idx = char_ids([texts[i] for i in sel], vocab_of)
            E_crf = np.concatenate([E_of[i] for i in sel]).astype(np.float32)
            gold = np.concatenate([golds[i] for i in sel])
            nll, grads = forward_backward(params, ids, idx, E_crf, trans[fold[sel[0]]], gold, lens[sel], rng)
            opt.step(params, grads, len(gold))
            total, seen = total + nll, seen + len(gold)
            if b % 100 == 0:
                print(f"epoch {epoch} batch {b}: nll/char {total / seen:.4f} scale {float(params['scale']):.3f}", flush=True)
        print(f"epoch {epoch}: nll/char {total / seen:.4f}, {time.process_time() - t0:.0f} CPU-s", flush=True)
        save(NEURAL_OUT, params, chars)
        score_dev(dev)
    return 0


def score_dev(dev: dict) -> dict:
    tagger = NerTagger(DEFAULT_MODEL, neural_path=NEURAL_OUT)
    out = {}
    for name, recs in dev.items():
        out[name] = evaluate.evaluate_records(recs, tagger=tagger, name=name)
        print(f"  {name}: F1 {out[name]['overall']['f1']:.4f}", flush=True)
    return out


if __name__ == "__main__":
    sys.exit(main())
