"""Tests for the optional character-CNN correction of the CRF (pipelines/extract/ner/neural.py) and its
training arithmetic (training/ner/crf_loss.py, training/ner/neural.py)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from pipelines.extract.ner.neural import (
    BOUNDARY,
    UNKNOWN,
    CharCnn,
    char_ids,
    crf_window,
    vocab_table,
    window_layout,
)
from pipelines.extract.ner.tagger import DEFAULT_MODEL, NerTagger
from training.ner.char_vectors import char_vectors
from training.ner.crf_loss import crf_nll_grad, hinge_grad, viterbi
from training.ner.crossfit import fold_of, remap_columns
from training.ner.neural import cnn_forward, forward_backward, init_params


def brute_force_nll(E, lens, gold, trans) -> float:
    """The CRF NLL by enumerating every label path (tiny cases only)."""
    total = 0.0
    for b, n in enumerate(lens):
        scores = [
            sum(E[b, t, y[t]] for t in range(n)) + sum(trans[y[t], y[t + 1]] for t in range(n - 1))
            for y in itertools.product(range(E.shape[2]), repeat=n)
        ]
        g = gold[b]
        gold_score = sum(E[b, t, g[t]] for t in range(n)) + sum(trans[g[t], g[t + 1]] for t in range(n - 1))
        total += np.logaddexp.reduce(scores) - gold_score
    return total


@pytest.mark.parametrize(
    "lens, spread",
    [
        ([3], 1.0),  # one sequence, no padding
        ([4, 1, 2], 3.0),  # padded batch with a one-character sequence (no transition at all)
        ([3, 3], 40.0),  # large scores: the scaled recursion must neither overflow nor underflow
    ],
)
def test_crf_nll_and_gradients_match_enumeration(lens, spread):
    rng = np.random.default_rng(len(lens))
    B, T, L = len(lens), max(lens), 3
    E = rng.normal(size=(B, T, L)) * spread
    trans = rng.normal(size=(L, L)) * spread
    gold = rng.integers(0, L, (B, T))
    lens = np.array(lens)
    nll, dE, dtrans = crf_nll_grad(E, lens, gold, trans)
    assert nll == pytest.approx(brute_force_nll(E, lens, gold, trans), rel=1e-9)
    eps = 1e-6
    for b, t, k in [(0, 0, 1), (B - 1, lens[-1] - 1, 2)]:
        E2 = E.copy()
        E2[b, t, k] += eps
        assert dE[b, t, k] == pytest.approx((brute_force_nll(E2, lens, gold, trans) - nll) / eps, abs=1e-4)
    trans2 = trans.copy()
    trans2[1, 0] += eps
    assert dtrans[1, 0] == pytest.approx((brute_force_nll(E, lens, gold, trans2) - nll) / eps, abs=1e-4)
    assert not dE[~(np.arange(T)[None] < lens[:, None])].any()  # padding gets no gradient


@pytest.mark.parametrize(
    "lens, pad, size, positions",
    [
        ([2], 1, 4, [1, 2]),  # one chunk framed by one boundary on each side
        ([1, 2], 2, 11, [2, 7, 8]),  # two chunks, each with its own frame
        ([], 3, 0, []),  # no chunks
    ],
)
def test_window_layout(lens, pad, size, positions):
    M, idx = window_layout(np.array(lens, dtype=np.int64), pad)
    assert size == M and idx.tolist() == positions


def test_char_ids_mark_boundaries_and_unknown_characters():
    vocab_of = vocab_table(np.array([ord("中"), ord("国")]))
    ids, idx = char_ids(["中国", "人"], vocab_of)
    assert ids[idx].tolist() == [2, 3, UNKNOWN]  # vocabulary ids start at 2; 人 is unknown
    assert (np.delete(ids, idx) == BOUNDARY).all()  # everything else is a chunk boundary


def test_runtime_scores_equal_the_training_forward_pass():
    """CharCnn folds layer 1 into per-offset lookups; it must compute what was trained."""
    rng = np.random.default_rng(3)
    chars = np.array([ord(c) for c in "北京上海"])
    params = init_params(len(chars), 5, (4, 6, 3), rng)
    params["W3"] = rng.normal(size=params["W3"].shape).astype(np.float32)
    chunks = ["北京到上海", "海", "上海北京"]
    expected, _ = cnn_forward(params, *char_ids(chunks, vocab_table(chars)))
    got = CharCnn(dict(params, chars=chars)).scores(chunks)
    assert np.allclose(got, expected, atol=1e-5)


def test_parameter_gradients_match_finite_differences():
    rng = np.random.default_rng(4)
    chars = np.array([ord(c) for c in "abc"])
    params = {k: v.astype(np.float64) for k, v in init_params(3, 3, (3, 4, 3), rng).items()}
    params["W3"] = rng.normal(size=params["W3"].shape)
    ids, idx = char_ids(["abca", "cb"], vocab_table(chars))
    lens = np.array([4, 2])
    E_crf, trans, gold = rng.normal(size=(6, 3)), rng.normal(size=(3, 3)), rng.integers(0, 3, 6)
    nll, grads = forward_backward(params, ids, idx, E_crf, trans, gold, lens)
    for name, at in [("emb", (2, 1)), ("W1", (5, 2)), ("W2", (3, 1)), ("b3", (0,)), ("scale", ())]:
        moved = {k: v.copy() for k, v in params.items()}
        moved[name][at] += 1e-6
        numeric = (forward_backward(moved, ids, idx, E_crf, trans, gold, lens)[0] - nll) / 1e-6
        assert grads[name][at] == pytest.approx(numeric, abs=1e-4), name


def test_a_zero_correction_leaves_the_tags_unchanged(tmp_path):
    """scale 1 and no CNN output: the hybrid decodes exactly like the CRF alone."""
    crf = NerTagger(DEFAULT_MODEL)
    params = init_params(2, len(crf.model.labels), (2, 2, 2), np.random.default_rng(0))
    np.savez(tmp_path / "cnn.npz", chars=np.array([ord("习"), ord("京")]), **params)
    hybrid = NerTagger(DEFAULT_MODEL, neural_path=tmp_path / "cnn.npz")
    text = "国家主席习近平在北京会见了联合国秘书长古特雷斯。"
    assert hybrid.tag(text) == crf.tag(text) and crf.tag(text)


@pytest.mark.parametrize(
    "n, folds",
    [
        (10, 2),  # even split
        (7, 3),  # uneven: fold sizes differ by at most one
    ],
)
def test_fold_of_splits_evenly(n, folds):
    sizes = np.bincount(fold_of(n, folds), minlength=folds)
    assert sizes.sum() == n and sizes.max() - sizes.min() <= 1


def test_remap_columns():
    assert remap_columns(["O", "B", "E"], ["E", "O", "B"]).tolist() == [2, 0, 1]  # target order from model order


def brute_force_path(E, n, trans) -> list[int]:
    L = E.shape[1]
    return list(
        max(
            itertools.product(range(L), repeat=n),
            key=lambda y: sum(E[t, y[t]] for t in range(n)) + sum(trans[y[t], y[t + 1]] for t in range(n - 1)),
        )
    )


@pytest.mark.parametrize(
    "lens, seed",
    [
        ([4], 0),  # one sequence
        ([3, 1, 2], 1),  # padded batch: each path stops at its own length, padding is 0
        ([2, 4], 2),  # a shorter sequence first
    ],
)
def test_viterbi_finds_the_best_path(lens, seed):
    rng = np.random.default_rng(seed)
    E, trans = rng.normal(size=(len(lens), max(lens), 3)), rng.normal(size=(3, 3))
    path = viterbi(E, np.array(lens), trans)
    for b, n in enumerate(lens):
        assert path[b, :n].tolist() == brute_force_path(E[b], n, trans)
        assert not path[b, n:].any()


@pytest.mark.parametrize(
    "margin_wins, expected_zero",
    [
        (True, True),  # gold beats every other path by more than the Hamming cost: no loss, no gradient
        (False, False),  # a wrong label scores higher: loss > 0, gradient up on it, down on gold
    ],
)
def test_hinge_grad(margin_wins, expected_zero):
    gold = np.array([[0, 1, 2]])
    E = np.zeros((1, 3, 3))
    E[0, np.arange(3), gold[0]] = 5.0 if margin_wins else 0.0
    if not margin_wins:
        E[0, 1, 0] = 3.0
    loss, dE = hinge_grad(E, np.array([3]), gold, np.zeros((3, 3)))
    assert (loss == 0 and not dE.any()) is expected_zero
    if not expected_zero:
        assert loss > 0 and dE[0, 1, 0] == 1.0 and dE[0, 1, 1] == -1.0


@pytest.mark.parametrize(
    "scores, expected",
    [
        ([[5.0, 3.0]], [[0.0, -0.2]]),  # scaled gap to the best label, divided by 10 (input_scale 1)
        ([[0.0, -500.0]], [[0.0, -1.0]]),  # a far-off label is floored at -10 (-1 after dividing)
    ],
)
def test_crf_window(scores, expected):
    E = np.array(scores)
    M, idx = window_layout(np.array([1]))
    window = crf_window(E, 1.0, M, idx)
    assert window.shape == (1, 5 * E.shape[1])
    assert np.allclose(window[:, 4:6], expected)  # the character's own block is the middle one
    assert not window[:, :4].any() and not window[:, 6:].any()  # neighbours outside the chunk are zero


def test_char_vectors_group_characters_used_alike():
    """Characters in the same contexts get near vectors; a character too rare gets none."""
    lines = ["我在北京工作", "我在上海工作", "他去北京旅游", "他去上海旅游", "我吃米饭", "他吃面条"] * 10 + ["罕"]
    chars, vectors = char_vectors(lines, dims=4, min_count=5)
    assert ord("罕") not in chars.tolist()
    vec = {chr(c): v / np.linalg.norm(v) for c, v in zip(chars, vectors)}
    assert vec["北"] @ vec["上"] > vec["北"] @ vec["吃"]
