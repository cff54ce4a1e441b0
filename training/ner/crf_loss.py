"""Negative log-likelihood of a linear-chain CRF and its gradients, batched numpy (for training/ner/neural.py).

Scaled forward-backward in probability space (each step's vector renormalised, the logs of the
normalisers summed), so long sentences neither overflow nor underflow; no start/stop transitions,
as in crfsuite's crf1d.
"""

from __future__ import annotations

import numpy as np


def crf_nll_grad(
    E: np.ndarray, lens: np.ndarray, gold: np.ndarray, trans: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray]:
    """(summed NLL, d NLL / d E, d NLL / d trans) for emissions E (batch, time, labels) of sequences of
    lengths `lens` (positions past a length are ignored), gold label ids (batch, time), transitions
    trans[from, to]."""
    B, T, L = E.shape
    E = E.astype(np.float64)
    lens = np.asarray(lens)
    top = E.max(2, keepdims=True)
    P = np.exp(E - top)
    tmax = float(trans.max())
    A = np.exp(trans.astype(np.float64) - tmax)
    alpha = np.empty((B, T, L))
    norm = np.ones((B, T))
    a = P[:, 0]
    norm[:, 0] = a.sum(1)
    alpha[:, 0] = a / norm[:, 0, None]
    for t in range(1, T):
        live = t < lens
        a = (alpha[:, t - 1] @ A) * P[:, t]
        c = np.where(live, a.sum(1), 1.0)
        alpha[:, t] = np.where(live[:, None], a / c[:, None], alpha[:, t - 1])
        norm[:, t] = c
    live_t = np.arange(T)[None, :] < lens[:, None]
    log_z = (np.where(live_t, top[:, :, 0] + np.log(norm), 0.0)).sum(1) + (lens - 1) * tmax
    beta = np.ones((B, T, L))
    counts = np.zeros((L, L))
    for t in range(T - 2, -1, -1):
        live = t + 1 < lens
        q = P[:, t + 1] * beta[:, t + 1] / norm[:, t + 1, None]
        beta[:, t] = np.where(live[:, None], q @ A.T, 1.0)
        counts += (alpha[:, t] * live[:, None]).T @ q
    counts *= A
    dE = alpha * beta
    gold = np.where(live_t, gold, 0)
    b_of, t_of = np.nonzero(live_t)
    dE[b_of, t_of, gold[b_of, t_of]] -= 1.0
    dE[~live_t] = 0.0
    pair = live_t[:, 1:]
    src, dst = gold[:, :-1][pair], gold[:, 1:][pair]
    np.add.at(counts, (src, dst), -1.0)
    gold_score = E[b_of, t_of, gold[b_of, t_of]].sum() + trans[src, dst].sum()
    return float(log_z.sum() - gold_score), dE, counts


def viterbi(E: np.ndarray, lens: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Best label path (batch, time) of each sequence; positions past its length are 0."""
    B, T, L = E.shape
    lens = np.asarray(lens)
    delta = E[:, 0].astype(np.float64)
    back = np.zeros((B, T, L), np.int64)
    best_end = np.where(lens == 1, delta.argmax(1), 0)
    ends = np.zeros((B, L))
    ends[lens == 1] = delta[lens == 1]
    for t in range(1, T):
        sc = delta[:, :, None] + trans[None]
        back[:, t] = sc.argmax(1)
        delta = sc.max(1) + E[:, t]
        done = lens == t + 1
        ends[done] = delta[done]
    best_end = ends.argmax(1)
    path = np.zeros((B, T), np.int64)
    cur = best_end
    for t in range(T - 1, -1, -1):
        live = t < lens
        path[:, t] = np.where(live, cur, 0)
        if t:
            cur = np.where(t < lens, back[np.arange(B), t, cur], cur)
    return path


def hinge_grad(
    E: np.ndarray, lens: np.ndarray, gold: np.ndarray, trans: np.ndarray, cost: float = 1.0
) -> tuple[float, np.ndarray]:
    """(summed structured hinge loss, its subgradient d / d E) with a Hamming cost of `cost` per wrong label:
    the cost-augmented Viterbi path's score minus the gold path's, as in the perceptron the CRF was trained by
    but with a margin."""
    B, T, L = E.shape
    live = np.arange(T)[None, :] < np.asarray(lens)[:, None]
    gold = np.where(live, gold, 0)
    onehot = np.zeros((B, T, L))
    b_of, t_of = np.nonzero(live)
    onehot[b_of, t_of, gold[b_of, t_of]] = 1.0
    path = viterbi(E + cost * (1.0 - onehot), lens, trans)
    pred = np.zeros((B, T, L))
    pred[b_of, t_of, path[b_of, t_of]] = 1.0
    pair = live[:, 1:]

    def score(y, hot):
        return (E * hot).sum() + trans[y[:, :-1][pair], y[:, 1:][pair]].sum()

    loss = score(path, pred) + cost * float((path != gold)[live].sum()) - score(gold, onehot)
    return float(loss), pred - onehot
