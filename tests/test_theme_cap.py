"""Discovered themes: no catch-all theme, per-theme weight thresholds (issue 13), on invented weights and text."""

from __future__ import annotations

import numpy as np
import pytest

from pipelines.topics.terms import term_counts
from pipelines.topics.themes import (
    MAX_THEME_SHARE,
    MIN_WEIGHT,
    ThemeModel,
    cap_thresholds,
    fit_theme_model,
    select_themes,
)


def _catch_all_weights(n: int = 200, k: int = 20, seed: int = 3) -> np.ndarray:
    """n documents x k themes: each document is explained well by one specific theme (0.3 to 0.6), and theme 0 (a
    catch-all of generic prose) explains every document a little (0.03 to 0.2)."""
    rng = np.random.default_rng(seed)
    w = np.zeros((n, k))
    w[np.arange(n), 1 + np.arange(n) % (k - 1)] = rng.uniform(0.3, 0.6, n)
    w[:, 0] = rng.uniform(0.03, 0.2, n)
    return w


def _shares(explained: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    counts = np.zeros(explained.shape[1])
    for themes in select_themes(explained, thresholds):
        for j, _ in themes:
            counts[j] += 1
    return counts / explained.shape[0]


def test_a_catch_all_theme_is_capped_and_specific_themes_are_not():
    w = _catch_all_weights()
    flat = np.full(w.shape[1], MIN_WEIGHT)
    assert _shares(w, flat)[0] == 1.0  # the failure: every article carries the generic theme
    thresholds = cap_thresholds(w)
    shares = _shares(w, thresholds)
    assert shares.max() <= MAX_THEME_SHARE
    assert shares[0] > 0.05  # the strongest members keep it: capped, not removed
    assert thresholds[0] > MIN_WEIGHT and np.all(thresholds[1:] == MIN_WEIGHT)
    # every article still has its specific theme
    assert all(any(j != 0 for j, _ in themes) for themes in select_themes(w, thresholds))


def test_capping_repeats_when_articles_fall_through_to_another_broad_theme():
    # two broad themes over everything: capping the first hands its articles to the second, which is then capped too
    rng = np.random.default_rng(5)
    n, k = 300, 20
    w = np.zeros((n, k))
    w[:, 0] = rng.uniform(0.1, 0.3, n)
    w[:, 1] = rng.uniform(0.05, 0.1, n)
    shares = _shares(w, cap_thresholds(w))
    assert shares.max() <= MAX_THEME_SHARE, shares


@pytest.mark.parametrize(
    "k,expected_share",
    [
        (20, MAX_THEME_SHARE),  # enough themes: the 10 % cap itself
        (4, 0.5),  # a small corpus with 4 themes: twice the even share, or nothing could be themed at all
    ],
)
def test_the_cap_allows_twice_the_even_share_for_few_themes(k, expected_share):
    w = np.full((100, k), 0.01)
    w[:, 0] = np.linspace(0.05, 0.5, 100)
    assert _shares(w, cap_thresholds(w))[0] == pytest.approx(expected_share)


def test_fitted_model_stores_thresholds_that_cap_its_sample_and_round_trip():
    # invented corpus: 4 specific themes, and generic words in every article
    themes = [
        "足球 联赛 进球 球员 教练",
        "股市 证券 股票 指数 券商",
        "暴雨 洪水 水位 防汛 堤坝",
        "疫苗 医院 患者 病毒 接种",
    ]
    generic = "城市 市民 生活 发展"
    texts = [f"{themes[i % 4]} {generic} {'城市 ' * (i % 3)}" for i in range(40)]
    ids = [f"a{i}" for i in range(len(texts))]
    docs = [term_counts(t) for t in texts]
    model = fit_theme_model(docs, ids, n_themes=6)
    assert len(model.min_weights) == model.n_themes and min(model.min_weights) >= MIN_WEIGHT
    counts = np.zeros(model.n_themes)
    for assigned in model.assign(docs):
        for j, _ in assigned:
            counts[j] += 1
    assert counts.max() <= max(MAX_THEME_SHARE, 2 / model.n_themes) * len(docs)
    again = ThemeModel.from_bytes(model.to_bytes())
    assert again.min_weights == model.min_weights
    assert again.assign(docs) == model.assign(docs)


def test_a_model_stored_without_thresholds_uses_the_global_one():
    texts = ["股市上涨 银行利率 股票指数"] * 3 + ["足球比赛 冠军球队 球员进球"] * 3
    model = fit_theme_model([term_counts(t) for t in texts], [str(i) for i in range(6)], n_themes=2)
    model.min_weights = []  # as saved by the previous version
    assert list(ThemeModel.from_bytes(model.to_bytes()).thresholds()) == [MIN_WEIGHT, MIN_WEIGHT]
