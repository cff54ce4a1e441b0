"""Topic model internals: IPTC heads plus source-label heads, int8 artifact, source-label mapping, calibration."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from pipelines.topics import taxonomy
from pipelines.topics.classifier import Head, Lexicon, TopicClassifier
from pipelines.topics.tokenize import compose, features
from training.topics.calibration import LEXICON_MIN_POSITIVES, LEXICON_ONLY, fit_lexicon_calibration
from training.topics.train import quantized
from training.topics.training_data import NLPCC_MAP, SOURCE_TOPIC, THUC_MAP, TNEWS_MAP, topic_of

SPORT, ECONOMY = taxonomy.KEYS.index("sport"), taxonomy.KEYS.index("economy")


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + np.exp(-z))


def _model(heads: list[Head], weights: dict[tuple[str, str], float]) -> TopicClassifier:
    """One feature (the word 股市); each head's coefficient on it from `weights`, intercept 0."""
    vocab = {f: i for i, f in enumerate(sorted(set(features(compose("股市", "")))))}
    coef = np.zeros((len(heads), len(vocab)), dtype=np.float32)
    for i, h in enumerate(heads):
        coef[i, :] = weights.get((h.kind, h.label), 0.0)
    idf = np.ones(len(vocab), dtype=np.float32)
    return TopicClassifier(vocab, idf, coef, np.zeros(len(heads), dtype=np.float32), Lexicon({}), heads=heads)


def test_a_class_scores_the_mean_of_its_iptc_head_and_its_best_source_head():
    heads = [Head("topic", k, k) for k in taxonomy.KEYS] + [
        Head("source", "stocks", "economy"),
        Head("source", "realty", "economy"),
    ]
    m = _model(heads, {("topic", "economy"): 0.5, ("source", "stocks"): 4.0, ("source", "realty"): -4.0})
    x = float(np.sqrt(len(m.vocab)) ** -1)  # one L2-normalised row of equal weights
    p = m.model_scores([("股市", "")])[0]
    # economy: its IPTC head and the better (stocks) of its two source heads, averaged
    assert p[ECONOMY] == pytest.approx(
        0.5 * _sigmoid(0.5 * x * len(m.vocab)) + 0.5 * _sigmoid(4.0 * x * len(m.vocab)), rel=1e-5
    )
    # sport has no source head: its IPTC head alone (weight 0 -> 0.5)
    assert p[SPORT] == pytest.approx(0.5)


def test_a_model_of_iptc_heads_only_scores_them_alone():
    m = _model([Head("topic", k, k) for k in taxonomy.KEYS], {("topic", "economy"): 2.0})
    x = float(np.sqrt(len(m.vocab)) ** -1) * len(m.vocab)
    assert m.model_scores([("股市", "")])[0][ECONOMY] == pytest.approx(_sigmoid(2.0 * x), rel=1e-5)


def test_heads_must_match_the_coefficient_rows():
    with pytest.raises(ValueError, match="heads"):
        _model([Head("topic", "sport", "sport")], {}).__class__(
            {"a": 0},
            np.ones(1, np.float32),
            np.zeros((2, 1), np.float32),
            np.zeros(2, np.float32),
            Lexicon({}),
            heads=[Head("topic", "sport", "sport")],
        )


def test_int8_artifact_round_trips_a_quantized_model_exactly(tmp_path):
    rng = np.random.default_rng(1)
    heads = [Head("topic", k, k) for k in taxonomy.KEYS] + [Head("source", "realty", "economy")]
    m = _model(heads, {})
    m.coef = np.vstack([quantized(r) for r in rng.normal(size=m.coef.shape).astype(np.float32)])
    m.meta = {"version": "test"}
    loaded = TopicClassifier.load(m.save(tmp_path))
    assert loaded.heads == heads
    np.testing.assert_allclose(loaded.coef, m.coef, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize(
    "label,topic",
    [
        ("realty", "economy"),  # THUCNews housing market
        ("news_car", "economy"),  # TNEWS autos
        ("food", "lifestyle"),  # NLPCC food and drink
        ("regimen", "health"),  # NLPCC wellness, the first labelled health rows
        ("politics", "politics"),  # an IPTC key (weak labels) is its own topic
        ("crime", "crime"),  # a lexicon-only class named by a weak label
    ],
)
def test_source_labels_map_to_their_iptc_class(label, topic):
    assert topic_of(label) == topic


def test_one_source_label_name_means_one_class_in_every_set():
    for m in (THUC_MAP, TNEWS_MAP, NLPCC_MAP):
        for label, key in m.items():
            if key:
                assert SOURCE_TOPIC[label] == key, label


class _FixedScores:
    """Stands in for a classifier: raw score of each record's lexicon-only classes from its `score` field."""

    def raw_scores(self, docs):
        out = np.full((len(docs), len(taxonomy.KEYS)), 0.05, dtype=np.float32)
        for i, (title, _) in enumerate(docs):
            for key, value in _FixedScores.table[title].items():
                out[i, taxonomy.KEYS.index(key)] = value
        return out


def _records(positives: dict[str, int], n: int = 120):
    """n invented articles; the first positives[key] are labelled key and score 0.7 for it, a few negatives score
    0.6 (noise)."""
    recs, table = [], {}
    for i in range(n):
        labels, scores = {"politics"}, {}
        for key, count in positives.items():
            if i < count:
                labels.add(key)
                scores[key] = 0.7
            elif i % 10 == 0:
                scores[key] = 0.6
        title = f"article {i}"
        table[title] = scores
        recs.append(SimpleNamespace(title=title, body="", labels=labels, weight=1.0 + (i % 2)))
    _FixedScores.table = table
    return recs


def test_lexicon_classes_get_their_own_fit_with_enough_positives_else_a_pooled_one():
    many, few = LEXICON_ONLY[0], LEXICON_ONLY[1]
    records = _records({many: LEXICON_MIN_POSITIVES + 10, few: 3})
    identity = [[1.0, 0.0] for _ in taxonomy.KEYS]
    calibration, how = fit_lexicon_calibration(_FixedScores(), records, identity)
    assert how[many].startswith("own fit") and how[few].startswith("pooled fit")
    j_many, j_few = taxonomy.KEYS.index(many), taxonomy.KEYS.index(few)
    assert calibration[j_many] != [1.0, 0.0] and calibration[j_few] != [1.0, 0.0]
    # every other lexicon-only class (no positives) shares the pooled fit; classes outside the six are untouched
    assert all(calibration[taxonomy.KEYS.index(k)] == calibration[j_few] for k in LEXICON_ONLY[2:])
    assert calibration[taxonomy.KEYS.index("politics")] == [1.0, 0.0]


def test_without_a_dev_set_the_lexicon_classes_stay_uncalibrated():
    identity = [[1.0, 0.0] for _ in taxonomy.KEYS]
    calibration, how = fit_lexicon_calibration(_FixedScores(), [], identity)
    assert calibration == identity and all(v.startswith("identity") for v in how.values())


def test_reliability_bins_score_against_gold_per_class_group():
    from training.topics.train import reliability

    codes = sorted(taxonomy.CODES)
    crime, sport = codes.index(taxonomy.BY_KEY["crime"].code), codes.index(taxonomy.BY_KEY["sport"].code)
    scores = np.zeros((4, len(codes)))
    scores[:, crime] = [0.9, 0.9, 0.2, 0.2]  # two confident crime scores, one of them right
    scores[:, sport] = [0.5, 0.5, 0.5, 0.5]
    gold = [{taxonomy.BY_KEY["crime"].code}, set(), {taxonomy.BY_KEY["sport"].code}, set()]
    out = reliability(scores, gold)
    lexicon = {round(m, 2): (share, n) for m, share, n in out["lexicon-only classes"]}
    assert lexicon[0.9] == (0.5, 2)  # crime at 0.9: half gold
    assert lexicon[0.2] == (0.0, 2)
    assert lexicon[0.0] == (0.0, 4 * 5)  # the other five lexicon-only classes, all zero
    labelled = {round(m, 2): (share, n) for m, share, n in out["classes with labelled rows"]}
    assert labelled[0.5] == (0.25, 4)  # sport at 0.5: one of four gold
