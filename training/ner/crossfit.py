"""Cross-fitted CRF emissions for training a neural correction on top of the CRF (training/ner/neural.py).

The CRF has seen its training sentences, so its scores on them are better than on new text; a model
trained to correct those scores would learn to trust the CRF too much. Here the training sentences are
split into folds, a CRF is trained on all folds but one (same features and hyper-parameters as
`training/ner/train.py`), and the held-out fold is scored by it: every sentence gets emissions and
transitions from a CRF that never saw it. Results are cached in NER_WORK_DIR.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import numpy as np
import pycrfsuite

from pipelines.extract.ner.features import gazetteers, sentence_features
from pipelines.extract.ner.tagger import CrfModel
from training.ner import train as crf_train

FOLDS = 2


def fold_of(n: int, folds: int = FOLDS, seed: int = crf_train.SEED) -> np.ndarray:
    """Fold number of each of n sentences: a seeded shuffle cut into equal parts."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    out = np.zeros(n, np.int64)
    for rank, i in enumerate(order):
        out[i] = rank * folds // n
    return out


def remap_columns(labels: list[str], target: list[str]) -> np.ndarray:
    """Column order that puts a model's label columns in `target`'s order."""
    return np.array([labels.index(lab) for lab in target], dtype=np.int64)


def crossfit(records: list[dict], labels: list[str], work: Path) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """(emissions per record, transitions per fold, fold of each record), columns in `labels` order."""
    cache = work / f"crossfit_{FOLDS}.npz"
    fold = fold_of(len(records))
    if cache.exists():
        z = np.load(cache)
        lens = z["lens"]
        # A cache of other sentences (another data set or NER_LIMIT) is not used.
        if lens.tolist() == [len(r["text"]) for r in records]:
            return np.split(z["E"], np.cumsum(lens)[:-1]), z["trans"], fold
    gaz = gazetteers()
    E_of: list[np.ndarray | None] = [None] * len(records)
    trans = np.zeros((FOLDS, len(labels), len(labels)), np.float32)
    for k in range(FOLDS):
        t0 = time.perf_counter()
        trainer = pycrfsuite.Trainer(verbose=False)
        for r, f in zip(records, fold):
            if f != k:
                trainer.append(sentence_features(r["text"], gaz), crf_train.bioes(r))
        trainer.select(crf_train.ALGO, "crf1d")
        trainer.set_params(crf_train.PARAMS)
        crf_path, npz_path = work / f"fold{k}.crfsuite", work / f"fold{k}.npz"
        trainer.train(str(crf_path))
        crf_train.export_npz(crf_path, npz_path)
        model = CrfModel.load(npz_path)
        cols = remap_columns(model.labels, labels)
        trans[k] = model.trans[np.ix_(cols, cols)]
        held = [i for i in range(len(records)) if fold[i] == k]
        for a in range(0, len(held), 2000):
            part = held[a : a + 2000]
            E = model.emissions([records[i]["text"] for i in part], gaz)[:, cols]
            bounds = np.cumsum([len(records[i]["text"]) for i in part])[:-1]
            for i, e in zip(part, np.split(E, bounds)):
                E_of[i] = e
        print(f"fold {k}: CRF on {int((fold != k).sum())} sentences, {time.perf_counter() - t0:.0f}s", flush=True)
    lens = np.array([len(e) for e in E_of])
    np.savez(cache, E=np.concatenate(E_of), trans=trans, lens=lens)
    return E_of, trans, fold
