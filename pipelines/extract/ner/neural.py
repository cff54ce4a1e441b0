"""A small character CNN whose scores are added to the CRF's emissions (an optional, trained correction).

Two convolution layers over character embeddings (window ±2, then ±1 over the hidden layer: each label
score sees ±3 characters, with non-linear conjunctions the linear CRF cannot express), then a linear layer
to one score per CRF label. The tagger decodes `scale * (CRF emissions) + cnn` with `scale * transitions`
(`CrfModel.emissions` / `_best_labels`). Trained by `python -m training.ner.neural` on cross-fitted CRF
scores; pure numpy at run time: the first layer is five table lookups (embedding x weights precomputed per
window offset), the second a (n, 3h) x (3h, h) product.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

BOUNDARY, UNKNOWN = 0, 1  # character ids: outside a chunk, a character not in the vocabulary
WIDTH1, WIDTH2 = 5, 3
PAD = WIDTH1 // 2 + WIDTH2 // 2  # boundary positions on each side of a chunk


def window_layout(lens: np.ndarray, pad: int = PAD) -> tuple[int, np.ndarray]:
    """(padded length, padded position of every real character) for chunks of these lengths laid out as
    pad boundaries + chunk + pad boundaries, one after another."""
    lens = np.asarray(lens, dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(lens + 2 * pad)[:-1]]) + pad if len(lens) else np.zeros(0, np.int64)
    n = int(lens.sum())
    within = np.arange(n) - np.repeat(np.cumsum(lens) - lens, lens)
    return int((lens + 2 * pad).sum()), np.repeat(starts, lens) + within


def char_ids(chunks: list[str], vocab_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(padded character ids, padded position of each real character) of normalised chunks."""
    lens = np.fromiter(map(len, chunks), dtype=np.int64, count=len(chunks))
    M, idx = window_layout(lens)
    cp = np.frombuffer("".join(chunks).encode("utf-32-le"), dtype=np.uint32)
    ids = np.full(M, BOUNDARY, np.int64)
    ids[idx] = vocab_of[cp]
    return ids, idx


def vocab_table(chars: np.ndarray) -> np.ndarray:
    """Code point -> character id (2.. for the vocabulary, UNKNOWN for the rest)."""
    table = np.full(0x110000, UNKNOWN, np.int32)
    table[chars] = np.arange(2, len(chars) + 2, dtype=np.int32)
    return table


def crf_window(E: np.ndarray, input_scale: float, size: int, idx: np.ndarray) -> np.ndarray:
    """The CRF's scores of the characters in each one's ±2 window, as inputs of layer 1: per character,
    input_scale * (score - best score), floored at -10 and divided by 10; zero outside the chunk."""
    z = np.maximum(input_scale * (E - E.max(1, keepdims=True)), -10.0) / 10.0
    padded = np.zeros((size, E.shape[1]), z.dtype)
    padded[idx] = z
    half = WIDTH1 // 2
    return np.concatenate([padded[idx + o] for o in range(-half, half + 1)], axis=1)


class CharCnn:
    def __init__(self, params: dict[str, np.ndarray]) -> None:
        p = {k: np.asarray(v, np.float32) for k, v in params.items() if k != "chars"}
        self.vocab_of = vocab_table(np.asarray(params["chars"], np.int64))
        self.scale = float(p["scale"])
        emb, W1 = p["emb"], p["W1"]
        d = emb.shape[1]
        # Layer 1 as lookups: the embedding times the weights of each window offset, once per character.
        self.first = [np.ascontiguousarray(emb @ W1[o * d : (o + 1) * d]) for o in range(WIDTH1)]
        self.b1, self.W2, self.b2, self.W3, self.b3 = p["b1"], p["W2"], p["b2"], p["W3"], p["b3"]
        self.Wc, self.input_scale = p.get("Wc"), float(p.get("input_scale", 0.0))

    @classmethod
    def load(cls, path: str | Path) -> CharCnn:
        with np.load(path, allow_pickle=False) as z:
            return cls({k: z[k] for k in z.files})

    def scores(self, chunks: list[str], crf: np.ndarray | None = None) -> np.ndarray:
        """One row of label scores per character of the (normalised) chunks, in CRF label order; `crf`: the
        CRF's emissions of the same characters (read only by a model trained with them as inputs)."""
        ids, idx = char_ids(chunks, self.vocab_of)
        h1 = self.b1 + self.first[0][ids[idx - 2]]
        for o in range(1, WIDTH1):
            h1 += self.first[o][ids[idx + o - 2]]
        if self.Wc is not None:
            h1 += crf_window(crf, self.input_scale, len(ids), idx) @ self.Wc
        np.maximum(h1, 0, out=h1)
        padded = np.zeros((len(ids), h1.shape[1]), np.float32)
        padded[idx] = h1
        x2 = np.concatenate([padded[idx - 1], h1, padded[idx + 1]], axis=1)
        h2 = np.maximum(x2 @ self.W2 + self.b2, 0)
        return h2 @ self.W3 + self.b3
