"""The unlabelled-text embeddings of the topic trainer: chunking, LSA vectors, and the fold of the dense heads back
into sparse coefficients (the artifact and run-time scoring must not change shape)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from pipelines.topics.tokenize import compose, features
from training.topics.embeddings import chunks, dense_heads, fold, lsa_vectors, with_logit


@pytest.mark.parametrize(
    ("body", "size", "expected"),
    [
        # two sentences shorter than the piece size together: one piece
        ("今天下雨。明天晴。", 200, ["今天下雨。明天晴。"]),
        # each sentence reaches the piece size: cut after every sentence end
        ("今天下雨。明天晴。", 3, ["今天下雨。", "明天晴。"]),
        # a sentence end before the size is reached does not cut; the rest stays with the next end
        ("甲。乙丙丁。戊己。", 4, ["甲。乙丙丁。", "戊己。"]),
        # no sentence end at all: the body is one piece
        ("没有句号的一段话", 2, ["没有句号的一段话"]),
        # a trailing remainder after the last cut is kept, whitespace-only pieces are dropped
        ("一二三！四五\n  ", 3, ["一二三！", "四五"]),
        # empty body: nothing
        ("", 200, []),
    ],
)
def test_chunks(body: str, size: int, expected: list[str]) -> None:
    assert chunks(body, size) == expected


@pytest.mark.parametrize(
    ("dense_weight", "b"),
    [
        # the sparse fit trusts the dense head fully
        (1.0, 0.3),
        # it turns the dense head down, and the dense intercept is negative
        (0.25, -2.0),
        # it ignores the dense head: the sparse coefficients pass through unchanged
        (0.0, 0.5),
    ],
)
def test_fold_scores_like_the_model_with_the_dense_logit_column(dense_weight: float, b: float) -> None:
    rng = np.random.default_rng(0)
    X = sp.random(40, 30, density=0.2, random_state=1, format="csr", dtype=np.float32)
    w = rng.normal(size=30).astype(np.float32)
    Xa = with_logit(X, w, b)
    coef = np.append(rng.normal(size=30), dense_weight)
    folded, intercept = fold(coef, 0.7, w, b)
    assert Xa.shape == (40, 31)
    np.testing.assert_allclose(X @ folded + intercept, Xa @ coef + 0.7, rtol=1e-4, atol=1e-4)


def test_dense_heads_fold_to_the_dense_models_logit() -> None:
    # 60 documents over 6 features; the target follows the features 0-2 against 3-5, which the embedding separates
    rng = np.random.default_rng(3)
    dense = np.zeros((60, 6))
    dense[:30, :3] = rng.random((30, 3)) + 0.5
    dense[30:, 3:] = rng.random((30, 3)) + 0.5
    X = sp.csr_matrix(dense)
    E = lsa_vectors(X, 2, seed=0)
    y = np.array([1] * 30 + [0] * 30, dtype=np.int8)
    ((head, (w, b)),) = dense_heads(
        X, E, [("h", y), ("too few positives", np.eye(1, 60, dtype=np.int8)[0])], None, 1.0
    ).items()
    assert head == "h"
    logit = X @ w + b
    assert (logit[:30] > 0).all() and (logit[30:] < 0).all()


def test_lsa_vectors_are_the_same_every_run_and_put_co_occurring_features_together() -> None:
    # features 0 and 1 always occur together, 2 and 3 together, never across
    X = sp.csr_matrix(np.array([[1, 1, 0, 0], [2, 2, 0, 0], [0, 0, 1, 1], [0, 0, 3, 3], [1, 1, 0, 0]], dtype=float))
    E1, E2 = lsa_vectors(X, 2, seed=5), lsa_vectors(X, 2, seed=5)
    assert np.array_equal(E1, E2)
    cos = (E1 / np.linalg.norm(E1, axis=1, keepdims=True)) @ (E1 / np.linalg.norm(E1, axis=1, keepdims=True)).T
    assert cos[0, 1] > 0.99 and cos[2, 3] > 0.99 and abs(cos[0, 2]) < 0.01


def test_the_trainer_gives_a_word_seen_only_in_unlabelled_text_the_weight_of_its_neighbours(monkeypatch) -> None:
    # labelled: sport headlines say 比赛 (match), economy headlines say 股票 (shares); 篮球 (basketball) is never
    # labelled, but the unlabelled corpus puts it next to 比赛 and never next to 股票
    from training.topics import train

    monkeypatch.setattr(train, "EMBED_DIM", 2)
    examples = [((f"{team}比赛今晚进行", ""), {"sport"}) for team in "甲乙丙丁戊己庚辛"]
    examples += [((f"{firm}股票今日上涨", ""), {"economy"}) for firm in "子丑寅卯辰巳午未"]
    corpus = [features(compose("", text)) for text in ["篮球明星参加比赛", "股票上涨", "股票大涨"] * 3]
    model = train.fit(examples, corpus=corpus)
    word = model.vocab["_篮球"]
    sport = next(i for i, h in enumerate(model.heads) if h == ("topic", "sport", "sport"))
    economy = next(i for i, h in enumerate(model.heads) if h == ("topic", "economy", "economy"))
    assert model.coef[sport, word] > 0 > model.coef[economy, word]
