"""Keywords in context (pipelines.topics.keyword_context): the context columns of an article's terms, the learned
filter's choice, and the committed filter model (reproduced by its trainer)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from pipelines.topics.keyword_context import (
    CANDIDATE_WINDOW,
    FILTER_FILE,
    TermContext,
    choose,
    filter_features,
    filter_probability,
    filter_threshold,
    glued_right,
    term_columns,
)
from pipelines.topics.keywords import KeywordExtractor
from training.topics.train_keyword_filter import train


@pytest.mark.parametrize(
    "term,text,expected",
    [
        # a transliterated name the tagger cut one character short: the next character continues it at every occurrence
        ("尼凯瑟", "内政部长尼凯瑟利说。尼凯瑟利表示", 1.0),
        # the same name ends where a verb of saying or a particle begins
        ("尼凯瑟利", "内政部长尼凯瑟利说。尼凯瑟利表示", 0.0),
        # an organisation followed by 长 at one of its two occurrences (财政部长) and by a comma at the other
        ("财政部", "财政部长表示,财政部,将", 0.5),
        # the end of the text and Latin letters after the term are no word characters
        ("北约", "加入北约", 0.0),
        ("北约", "北约nato", 0.0),
        # a term not found in the text (normalised differently) counts nothing
        ("南海", "东海", 0.0),
    ],
)
def test_glued_right(term, text, expected):
    assert glued_right(term, text) == expected


def test_term_columns_count_and_place_each_term_once():
    # 南非 stands alone and inside 南非总统府; the name 南非总统府 is an entity span (named); 会谈 is a plain word
    occurrences = [("南非总统府", True), ("会谈", False), ("南非", True), ("会谈", False)]
    columns = term_columns(occurrences, "南非总统府表示会谈在南非举行会谈")
    assert columns.terms == ["会谈", "南非", "南非总统府"]
    assert columns.counts == [2, 1, 1]
    assert columns.named == [False, True, True]
    assert columns.inside_longer == [False, True, False]
    # first occurrence among the four: 会谈 second, 南非 third, 南非总统府 first
    assert columns.first_at == [0.25, 0.5, 0.0]
    # glued_right is read for names only: 南非 is followed by 举 (a word character), 南非总统府 by 表 (表示)
    assert columns.glued_right == [0.0, 1.0, 0.0]


def test_term_columns_of_an_article_without_terms():
    assert term_columns([], "。") == ([], [], [], [], [], [])


@pytest.mark.parametrize(
    "candidates,threshold,k,expected",
    [
        # the candidates at or above the threshold, by probability, weighted relative to the first
        ([("甲", 0.9), ("乙", 0.5), ("丙", 0.95)], 0.85, 5, [("丙", 1.0), ("甲", round(0.9 / 0.95, 4))]),
        # none reaches the threshold: the most probable one is kept, so the article is not left without a keyword
        ([("甲", 0.3), ("乙", 0.6)], 0.85, 5, [("乙", 1.0)]),
        # at most k
        ([("甲", 0.9), ("乙", 0.95), ("丙", 0.99)], 0.85, 2, [("丙", 1.0), ("乙", round(0.95 / 0.99, 4))]),
        # ties by term (code point order, as SQL orders strings: 乙 U+4E59 before 甲 U+7532)
        ([("甲", 0.9), ("乙", 0.9)], 0.85, 5, [("乙", 1.0), ("甲", 1.0)]),
        # no candidates, or k = 0: nothing
        ([], 0.85, 5, []),
        ([("甲", 0.9)], 0.85, 0, []),
    ],
)
def test_choose(candidates, threshold, k, expected):
    assert choose(candidates, threshold, k) == expected


def test_choose_reads_only_the_candidate_window():
    # a candidate beyond the first CANDIDATE_WINDOW by TF-IDF is never shown, however probable
    candidates = [(f"词{i}", 0.5 - i / 100) for i in range(CANDIDATE_WINDOW)] + [("名字", 0.99)]
    assert [t for t, _ in choose(candidates, 0.85, 5)] == ["词0"]


def _probability(named: bool, count: int, first_at: float, relative: float, glued: float = 0.0) -> float:
    context = TermContext("测试词语", count, named, False, first_at, glued)
    return filter_probability(filter_features(context, 0.6, 0.8, 0.6, relative))


def test_the_shipped_filter_prefers_names_early_and_repeated_and_distrusts_glued_names():
    strong = _probability(named=True, count=3, first_at=0.0, relative=1.0)
    weak = _probability(named=False, count=1, first_at=0.9, relative=0.3)
    assert strong >= filter_threshold() > weak
    assert _probability(named=True, count=3, first_at=0.0, relative=1.0, glued=1.0) < strong


def test_the_extractor_keeps_the_name_and_drops_generic_prose():
    texts = [
        "国足主场战胜泰国队\n国足在主场以二比零战胜泰国队,球队主教练赛后表示球员表现出色。",
        "央行下调存款准备金率\n中国人民银行宣布下调存款准备金率,释放长期资金支持实体经济。",
        "中央气象台发布高温预警\n中央气象台发布高温橙色预警,提醒市民注意防暑降温。",
    ]
    keywords = [k for k, _ in KeywordExtractor().fit(texts).top_keywords(texts[0])]
    assert "泰国队" in keywords and "表现" not in keywords


def test_training_reproduces_the_committed_filter():
    committed = json.loads(
        resources.files("pipelines.topics").joinpath("resources", FILTER_FILE).read_text(encoding="utf-8")
    )
    assert train() == committed
