"""Train the character CNN correction of the CRF (pipelines/extract/ner/neural.py): python -m training.ner.neural

`make train-ner-neural`. Plain numpy backprop (no training framework: nothing to install) and Adam on
`scale * cross-fitted CRF emissions + cnn` (training/ner/crossfit.py, crf_loss.py). After each epoch it
writes the model (`--out`, default $NER_WORK_DIR/ner_charcnn.npz: it is not shipped, see the model card) and
scores the dev sets of `make train-ner` with the shipped CRF + the correction; at the end the CRF alone on
the same sets and the tagger's speed with and without the correction. NER_LIMIT: about that many training
sentences in all, for quick runs.

Options (defaults = the best variant of issue 22 round 3):
  --dims EMB,H1,H2   embedding and hidden sizes (64,64,32)
  --loss hinge|nll   structured hinge with a Hamming margin (the Viterbi decoding it is used with; the scale
                     then stays at its initial value), or the CRF likelihood (hinge)
  --learnt-chars     character embeddings learnt from the labelled data instead of fixed vectors from the
                     bench text (char_vectors.py)
  --crf-input        layer 1 also reads the CRF's scores in the window
  --epochs N (3), --lr X (0.002), --out PATH
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse

from pipelines.extract.ner.features import normalise
from pipelines.extract.ner.neural import WIDTH1, WIDTH2, char_ids, crf_window, vocab_table
from pipelines.extract.ner.tagger import DEFAULT_MODEL, CrfModel, NerTagger
from training.ner import evaluate
from training.ner import train as crf_train
from training.ner.crf_loss import crf_nll_grad, hinge_grad
from training.ner.crossfit import crossfit

BATCH_CHARS = 4000
MIN_CHAR_FREQ = 2
DROPOUT = 0.1
# The perceptron's scores are in the hundreds; the scale that turns them into a likelihood is ~0.01-0.1,
# chosen on a sample first (initial_scale) and then moved only slowly.
SCALE_LR = 0.01
SCALE_GRID = (0.005, 0.01, 0.02, 0.04, 0.08, 0.16)


def build_vocab(texts: list[str], min_freq: int = MIN_CHAR_FREQ) -> np.ndarray:
    """Code points of the normalised characters seen at least min_freq times, most frequent first."""
    freq = Counter(ch for t in texts for ch in t)
    return np.array([ord(c) for c, n in freq.most_common() if n >= min_freq], dtype=np.int64)


def init_params(n_chars: int, n_labels: int, dims: tuple[int, int, int], rng: np.random.Generator) -> dict:
    d, h1, h2 = dims

    def he(fan_in: int, shape: tuple[int, int]) -> np.ndarray:
        return (rng.normal(size=shape) * np.sqrt(2.0 / fan_in)).astype(np.float32)

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


def cnn_forward(p: dict, ids: np.ndarray, idx: np.ndarray, rng: np.random.Generator | None = None, E_crf=None):
    """(scores per character, what the backward pass needs); dropout when rng is given. The same
    arithmetic as `CharCnn.scores` (which folds layer 1 into lookups). With a "Wc" parameter, layer 1 also
    reads the CRF's own scores in the window (`crf_window`)."""
    n, d = len(idx), p["emb"].shape[1]
    win1 = idx[:, None] + np.arange(WIDTH1) - WIDTH1 // 2
    x1 = p["emb"][ids[win1]].reshape(n, WIDTH1 * d)
    a1 = x1 @ p["W1"] + p["b1"]
    xc = None
    if "Wc" in p:
        xc = crf_window(E_crf, float(p["input_scale"]), len(ids), idx)
        a1 = a1 + xc @ p["Wc"]
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
    cache = (ids, idx, win1, x1, a1, mask1, padded, x2, a2, mask2, h2d, xc)
    return h2d @ p["W3"] + p["b3"], cache


def cnn_backward(p: dict, cache: tuple, dout: np.ndarray) -> dict:
    ids, idx, win1, x1, a1, mask1, padded, x2, a2, mask2, h2d, xc = cache
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
    if xc is not None:
        g["Wc"] = xc.T @ da1
    dx1 = (da1 @ p["W1"].T).reshape(n * WIDTH1, d)
    rows = ids[win1].ravel()
    onehot = sparse.csr_matrix(
        (np.ones(len(rows), dx1.dtype), (rows, np.arange(len(rows)))), shape=(len(p["emb"]), len(rows))
    )
    g["emb"] = np.asarray(onehot @ dx1)
    return g


def forward_backward(p, ids, idx, E_crf, trans, gold_flat, lens, rng=None, loss="nll"):
    """Summed CRF NLL of one batch of sentences and the gradients of every parameter."""
    out, cache = cnn_forward(p, ids, idx, rng, E_crf)
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
    if loss == "hinge":
        value, dEp = hinge_grad(Ep, lens, gp, s * trans)
        return value, cnn_backward(p, cache, dEp[b_of, t_of].astype(out.dtype))
    value, dEp, dtrans = crf_nll_grad(Ep, lens, gp, s * trans)
    dE = dEp[b_of, t_of].astype(out.dtype)
    g = cnn_backward(p, cache, dE)
    g["scale"] = np.array(float((dE * E_crf).sum() + (dtrans * trans).sum()), out.dtype)
    return value, g


class Adam:
    def __init__(self, params: dict, lr: float) -> None:
        self.lr, self.t = lr, 0
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}

    def step(self, params: dict, grads: dict, n_chars: int) -> None:
        self.t += 1
        b1, b2 = 0.9, 0.999
        for k, g in grads.items():
            lr = self.lr * SCALE_LR if k == "scale" else self.lr
            g = g / n_chars
            self.m[k] = b1 * self.m[k] + (1 - b1) * g
            self.v[k] = b2 * self.v[k] + (1 - b2) * g * g
            mh = self.m[k] / (1 - b1**self.t)
            vh = self.v[k] / (1 - b2**self.t)
            params[k] = (params[k] - lr * mh / (np.sqrt(vh) + 1e-8)).astype(np.float32)


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


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m training.ner.neural")
    ap.add_argument("--dims", default="64,64,32", type=lambda v: tuple(int(x) for x in v.split(",")))
    ap.add_argument("--loss", default="hinge", choices=("hinge", "nll"))
    ap.add_argument("--learnt-chars", action="store_true")
    ap.add_argument("--crf-input", action="store_true")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=0.002)
    ap.add_argument("--out", type=Path, default=crf_train.TRAINING.ner_work_dir / "ner_charcnn.npz")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
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
    lens = np.array([len(t) for t in texts])
    chars = build_vocab(texts)
    if not args.learnt_chars:
        # Training characters and the bench's: those without a vector (not in the bench) get zeros, as the
        # unknown character does; the vectors stay fixed, so every character is seen only through them.
        bench_chars, vectors = pretrained(args.dims[0])
        chars = np.concatenate([bench_chars, np.setdiff1d(chars, bench_chars)])
        params = init_params(len(chars), len(labels), args.dims, rng)
        params["emb"][:] = 0.0
        params["emb"][2 : 2 + len(bench_chars)] = 0.1 * vectors  # the scale of the random initialisation
    else:
        params = init_params(len(chars), len(labels), args.dims, rng)
    vocab_of = vocab_table(chars)
    plan = batches(lens, fold, rng)
    params["scale"] = np.array(initial_scale(params, plan[:30], texts, vocab_of, E_of, golds, trans, fold, lens))
    if args.crf_input:
        n_in = WIDTH1 * len(labels)
        params["Wc"] = (rng.normal(size=(n_in, args.dims[1])) * np.sqrt(2.0 / n_in)).astype(np.float32)
        params["input_scale"] = params["scale"].copy()
    opt = Adam(params, args.lr)
    print(f"{len(records)} sentences, {int(lens.sum())} chars, vocabulary {len(chars)}, {args}", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    for epoch in range(args.epochs):
        t0, total, seen = time.process_time(), 0.0, 0
        for b, sel in enumerate(plan if epoch == 0 else batches(lens, fold, rng)):
            ids, idx = char_ids([texts[i] for i in sel], vocab_of)
            E_crf = np.concatenate([E_of[i] for i in sel]).astype(np.float32)
            gold = np.concatenate([golds[i] for i in sel])
            nll, grads = forward_backward(params, ids, idx, E_crf, trans[fold[sel[0]]], gold, lens[sel], rng, args.loss)
            if not args.learnt_chars:
                del grads["emb"]
            opt.step(params, grads, len(gold))
            total, seen = total + nll, seen + len(gold)
            if b % 100 == 0:
                print(f"epoch {epoch} batch {b}: loss/char {total / seen:.4f}", flush=True)
        print(f"epoch {epoch}: loss/char {total / seen:.4f}, {time.process_time() - t0:.0f} CPU-s", flush=True)
        save(args.out, params, chars)
        score_dev(dev, NerTagger(DEFAULT_MODEL, neural_path=args.out), "CRF + CNN")
    score_dev(dev, NerTagger(DEFAULT_MODEL), "CRF alone")
    for name, path in (("CRF alone", None), ("CRF + CNN", args.out)):
        speed = crf_train.bench_speed(NerTagger(DEFAULT_MODEL, neural_path=path))
        print(f"bench speed, {name}: {speed:,.0f} chars per CPU-second", flush=True)
    print(f"model {args.out}: {args.out.stat().st_size / 1e6:.1f} MB")
    return 0


def pretrained(dims: int) -> tuple[np.ndarray, np.ndarray]:
    from training.ner.char_vectors import char_vectors
    from training.ner.clusters import corpus_lines

    t0 = time.process_time()
    bench = crf_train.TRAINING.topics_bench_dir
    # Bench text only (no NER jsonl files there): the NER files also hold the dev and held-out sentences.
    chars, vectors = char_vectors(list(corpus_lines(bench, bench)), dims)
    print(f"character vectors: {len(chars)} characters, {time.process_time() - t0:.0f} CPU-s", flush=True)
    return chars, vectors


def initial_scale(params, sample, texts, vocab_of, E_of, golds, trans, fold, lens) -> float:
    """The grid scale with the lowest CRF NLL of the sample batches, with no CNN correction yet."""
    best = (np.inf, SCALE_GRID[0])
    for s in SCALE_GRID:
        p = dict(params, scale=np.array(s, np.float32))
        nll = sum(
            forward_backward(
                p,
                *char_ids([texts[i] for i in sel], vocab_of),
                np.concatenate([E_of[i] for i in sel]),
                trans[fold[sel[0]]],
                np.concatenate([golds[i] for i in sel]),
                lens[sel],
            )[0]
            for sel in sample
        )
        print(f"scale {s}: NLL {nll:.0f}", flush=True)
        best = min(best, (nll, s))
    return best[1]


def score_dev(dev: dict, tagger: NerTagger, what: str) -> None:
    f1 = {
        name: evaluate.evaluate_records(recs, tagger=tagger, out=io.StringIO())["overall"]["f1"]
        for name, recs in dev.items()
    }
    print(f"{what}: " + ", ".join(f"{name} F1 {v:.4f}" for name, v in f1.items()), flush=True)


if __name__ == "__main__":
    sys.exit(main())
