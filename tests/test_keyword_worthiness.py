"""The learned keyword worthiness (pipelines.topics.worthiness): its model file, its use in both keyword paths."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from pipelines.topics.keywords import MIN_SPECIFICITY_MENTIONED_ONCE, KeywordExtractor, is_keyword
from pipelines.topics.worthiness import MODEL_FILE, min_worthiness, term_features, term_worthiness
from training.topics.train_worthiness import train


@pytest.mark.parametrize(
    "term",
    [
        # generic words of official prose, judged bad on the bench (in the training data)
        "会议",
        "素质",
        "事宜",
        "精神",
        # a generic verb of meeting prose the judged samples never showed
        "研讨",
        # a generic adjective (有机 of 有机结合) not in the training data
        "有机",
    ],
)
def test_generic_words_fall_below_the_threshold(term):
    assert term_worthiness(term) < min_worthiness()


@pytest.mark.parametrize(
    "term",
    [
        # names the dictionary lacks, not in the training data (a person, a virus, a ship)
        "萨特巴尔季耶夫",
        "埃博拉",
        "辽宁舰",
        # organisations and a team, not in the training data
        "中国人民银行",
        "中央气象台",
        "泰国队",
        # a technical noun (光伏) and a place (南海), not in the training data
        "光伏",
        "南海",
    ],
)
def test_names_and_specific_terms_stay_above_the_threshold(term):
    assert term_worthiness(term) >= min_worthiness()


@pytest.mark.parametrize(
    "term,expected",
    [
        # a dictionary noun of two characters: its length, part of speech and both characters
        ("会议", {"len=2", "in_dictionary", "pos=n", "first=会", "last=议", "tokens=1"}),
        # a transliterated name the dictionary lacks: cut into several tokens by the tagger, no dictionary features
        ("萨特巴尔季耶夫", {"len=6", "first=萨", "last=夫", "tokens=3"}),
        # a Latin acronym
        ("apec", {"latin"}),
        # a foreign name with its dot
        ("马丁·舒尔茨", {"name_dot"}),
    ],
)
def test_term_features(term, expected):
    features = term_features(term)
    assert expected <= {name for name, value in features.items() if value}, features
    assert ("in_dictionary" in expected) == bool(features["in_dictionary"])


@pytest.mark.parametrize(
    "count,specificity,worthiness,expected",
    [
        # a term above both thresholds is a keyword
        (2, 1.0, 0.9, True),
        # a name mentioned often but judged unworthy by the model is not (worthiness applies whatever the count)
        (5, 1.0, 0.2, False),
        # at the threshold itself it is kept
        (1, 1.0, None, True),
        # a worthy term that is a common dictionary word mentioned once is still no keyword (the older rule)
        (1, MIN_SPECIFICITY_MENTIONED_ONCE - 0.1, 0.9, False),
    ],
)
def test_is_keyword_with_worthiness(count, specificity, worthiness, expected):
    assert is_keyword(count, specificity, min_worthiness() if worthiness is None else worthiness) is expected


def test_the_extractor_drops_terms_below_the_worthiness_threshold():
    extractor = KeywordExtractor().fit(["光伏组件出口增长", "钢铁出口下降", "光伏电站并网", "召开会议"])
    keywords = [w for w, _ in extractor.top_keywords("光伏组件会议\n光伏组件会议,会议讨论光伏组件", k=10)]
    assert "光伏" in keywords and "会议" not in keywords, keywords  # 会议 three times, worthiness 0.18


def test_training_reproduces_the_committed_model():
    committed = json.loads(
        resources.files("pipelines.topics").joinpath("resources", MODEL_FILE).read_text(encoding="utf-8")
    )
    assert train() == committed
    # the chosen threshold beat the unfiltered keywords on the held-out samples
    cv = committed["cross_validation_by_sample"][f"{committed['features']} @ {committed['threshold']}"]
    assert cv["precision_kept"] > cv["baseline"]
