"""Keyword terms (issue 13): generic prose, time words and tagger overruns are not keywords. Invented text."""
from __future__ import annotations

import pytest

from pipelines.topics.terms import article_terms, candidates


@pytest.mark.parametrize("text,kept,dropped", [
    # generic verbs of news prose carry no story: 莅临, 避免, 迎来, 确认 (found among bench top-5 keywords)
    ("市长莅临港口视察\n市长莅临港口,确认码头扩建,避免拥堵,港口迎来货轮", {"港口", "码头", "货轮"},
     {"莅临", "确认", "避免", "迎来"}),
    # evaluative adjectives and set phrases: 宝贵, 精彩, 历史性, 热烈庆祝
    ("热烈庆祝大桥通车\n大桥实现历史性跨越,留下宝贵经验和精彩瞬间", {"大桥", "通车"}, {"热烈庆祝", "历史性", "宝贵", "精彩"}),
    # time words: 上周末, 年度, 即将来临
    ("上周末暴雪袭击小镇\n春节即将来临,小镇年度集市因暴雪推迟", {"暴雪", "小镇", "集市"}, {"上周末", "即将来临", "年度"}),
    # fragments a compound leaves behind: 加沙|地带
    ("加沙地带难民\n加沙地带难民增多", {"加沙", "难民"}, {"地带"}),
    # adjectival -性 nouns and -时 clauses qualify, they name nothing
    ("两国关系取得突破性进展\n外交官演讲时说,双边关系具有全球性和战略性", {"外交官", "双边关系"},
     {"突破性", "全球性", "战略性", "演讲时"}),
    # a separator dot between a phrase and one character is not a name (基层·他乡), name·name still is
    ("走基层·他乡是故乡\n纪念罗纳德·里根", {"基层", "罗纳德·里根"}, {"基层·他"}),
])
def test_generic_words_are_not_keywords(text, kept, dropped):
    terms = set(candidates(text))
    assert kept <= terms, terms
    assert not (dropped & terms), terms


def test_a_name_span_that_overruns_into_digits_is_split_into_words():
    # the tagger ran a place span past a date: 利比亚大使馆16号发布安
    title, body = "国际快讯", "中国驻利比亚大使馆16号发布安全提醒,请中国公民撤离。"
    text = f"{title}\n{body}"
    start = text.index("利比亚大使馆")
    overrun = article_terms(title, body, [(start, start + len("利比亚大使馆16号发布安"))])
    assert "利比亚大使馆16号发布安" not in overrun and {"利比亚", "大使馆"} <= set(overrun)
    whole = article_terms(title, body, [(start, start + len("利比亚大使馆"))])
    assert "利比亚大使馆" in whole  # a clean span stays one term


def test_a_name_span_with_a_quotation_mark_inside_is_split_into_words():
    # the tagger ran a ship's name past its closing quote: 福特”号飞行
    title, body = "国际快讯", "美国“福特”号航母飞行甲板安装完毕"
    text = f"{title}\n{body}"
    start = text.index("福特")
    terms = article_terms(title, body, [(start, start + len("福特”号飞行"))])
    assert not any("”" in t for t in terms) and "福特" in terms, terms


def test_a_name_span_cut_after_the_dot_is_not_a_keyword():
    # the tagger stopped one character after the dot: 马丁·沃 for 马丁·沃尔夫
    title, body = "论坛快讯", "经济学家马丁·沃尔夫出席论坛"
    text = f"{title}\n{body}"
    start = text.index("马丁")
    assert "马丁·沃" not in article_terms(title, body, [(start, start + len("马丁·沃"))])
    assert "马丁·沃尔夫" in article_terms(title, body, [(start, start + len("马丁·沃尔夫"))])
