"""Shingles, MinHash signatures (datasketch) and LSH band keys of a story text.

A text is the set of its overlapping character k-grams (shingles). Two texts' similarity is the Jaccard
index of those sets; MinHash estimates it from `NUM_PERM` minima, and LSH cuts the signature into `BANDS`
bands of `ROWS` values: texts that agree on every value of at least one band become candidates, which are
then verified on their exact shingle sets. A band key is a 64-bit hash of the band's values, so the index
is a plain table of (band, key, article) rows in the warehouse.

Shingle hashes are a polynomial hash of the k code points, computed with numpy (deterministic across
processes, unlike Python's salted `hash`); datasketch mixes them with MurmurHash3's finaliser before
permuting.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

SHINGLE_CHARS = 5  # measured with `make eval-stories`: see docs/stories.md
NUM_PERM = 48
BANDS = 16
ROWS = 3  # BANDS * ROWS <= NUM_PERM; candidate probability 1 - (1 - J**ROWS)**BANDS
SEED = 1
_POLY = np.uint32(1_000_003)


@dataclass(frozen=True)
class Sketch:
    shingles: np.ndarray  # sorted unique uint32 shingle hashes
    bands: list[int]  # one signed 64-bit key per band; empty when the text has no shingle


_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED).permutations


def window_hashes(text: str, k: int = SHINGLE_CHARS) -> np.ndarray:
    """The hash of the k-character shingle starting at each position (in text order, repeats kept); a
    text shorter than k is one shingle."""
    if not text:
        return np.empty(0, dtype=np.uint32)
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if len(points) < k:
        points = np.concatenate([points, np.zeros(k - len(points), dtype=np.uint32)])
    windows = len(points) - k + 1
    hashes = np.zeros(windows, dtype=np.uint32)
    with np.errstate(over="ignore"):
        for offset in range(k):
            hashes = hashes * _POLY + points[offset : offset + windows]
    return hashes


def shingle_hashes(text: str, k: int = SHINGLE_CHARS) -> np.ndarray:
    """Sorted unique hashes of the text's k-character shingles; a text shorter than k is one shingle."""
    hashes = window_hashes(text, k)
    if len(hashes) == 0:
        return hashes
    # np.unique's result, by sort + neighbour comparison (several times faster on arrays this small).
    hashes.sort()
    distinct = np.empty(len(hashes), dtype=bool)
    distinct[:1] = True
    np.not_equal(hashes[1:], hashes[:-1], out=distinct[1:])
    return hashes[distinct]


def sketch(text: str) -> Sketch:
    shingles = shingle_hashes(text)
    if len(shingles) == 0:
        return Sketch(shingles, [])
    raw = minhash_values(shingles).astype("<u4").tobytes()
    width = 4 * ROWS
    return Sketch(shingles, [_band_digest(band, raw[band * width : (band + 1) * width]) for band in range(BANDS)])


# datasketch's affine32 MinHash of integer inputs (hashfunc=int), computed on the shingle array directly:
# MurmurHash3's 32-bit finaliser, then a * h + b modulo 2**32 per permutation, then the minimum. The same
# values as MinHash(...).update_batch(shingles.tolist()).digest() (tests/test_stories.py checks), without
# a Python int per shingle.
_A, _B = (np.asarray(p, dtype=np.uint32) for p in _PERMUTATIONS)
_EMPTY = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_PERMUTATIONS, scheme="affine32").digest()


def minhash_values(shingles: np.ndarray) -> np.ndarray:
    """NUM_PERM uint32 MinHash values of a non-empty array of uint32 shingle hashes."""
    h = shingles.astype(np.uint32)
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint32(16))
        h = h * np.uint32(0x85EBCA6B)
        h = h ^ (h >> np.uint32(13))
        h = h * np.uint32(0xC2B2AE35)
        h = h ^ (h >> np.uint32(16))
        permuted = h[:, None] * _A[None, :] + _B[None, :]
    return np.minimum(_EMPTY, permuted.min(axis=0))


_PERSONS = [band.to_bytes(2, "little") for band in range(BANDS)]


def _band_digest(band: int, raw: bytes) -> int:
    digest = hashlib.blake2b(raw, digest_size=8, person=_PERSONS[band]).digest()
    return int.from_bytes(digest, "little", signed=True)


def opening_key(opening: str, chars: int) -> int | None:
    """Hash of the first `chars` characters: teasers and their full article share it."""
    if len(opening) < chars:
        return None
    digest = hashlib.blake2b(opening[:chars].encode("utf-8"), digest_size=8, person=b"opening").digest()
    return int.from_bytes(digest, "little", signed=True)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) == 0 or len(b) == 0:
        return 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared)
