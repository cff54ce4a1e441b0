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
