"""One-character place abbreviations and bilateral compounds (issue 22 item 3, issue 25 item 5). Invented text."""

from __future__ import annotations

import pytest

from pipelines.extract.abbreviations import abbreviated_place
from pipelines.extract.entities import extract_entities
from pipelines.extract.places import default_geocoder

CN, US, RU, AFRICA, EUROPE = "XX:CN", "XX:US", "XX:RU", "REGION:非洲", "REGION:欧洲"


@pytest.mark.parametrize(
    ("surface", "around", "context", "keys"),
    [
        (("中美"), ("推动", "关系发展"), [], [CN, US]),  # a pair: both partners
        (("中俄"), ("", "两国元首"), [], [CN, RU]),  # a pair before 两国
        (("中非"), ("出席", "合作论坛"), [], [CN, AFRICA]),  # China-Africa, not the Central African Republic
        (("中欧"), ("开行", "班列"), [], [CN, EUROPE]),  # China-Europe freight trains, not Central Europe
        (("中欧"), ("推动", "关系"), [], [CN, EUROPE]),  # China-EU relations
        (("中巴"), ("", "经济走廊"), [], []),  # 巴 names several countries and the article names none: neither
        (("中巴"), ("", "经济走廊"), ["巴基斯坦"], [CN, "XX:PK"]),  # the article's own country tells
        (("中巴"), ("", "关系"), ["巴基斯坦", "巴西"], []),  # two candidates in the article: neither
        (("京津冀"), ("推进", "协同发展"), [], ["CN:110000", "CN:120000", "CN:130000"]),  # a list of provinces
        (("中日韩"), ("", "领导人会议"), [], [CN, "XX:JP", "XX:KR"]),  # a list of three countries
        (("英德"), ("", "两国"), [], ["XX:GB", "XX:DE"]),  # also a county-level city's short name; 两国 makes a pair
        (("中非"), ("", "共和国总统"), [], None),  # the country: no compound
        (("中非"), ("", "总统图瓦德拉"), [], None),  # 中非总统: the country's president, no compound
        (("中欧"), ("", "地区"), [], None),  # Central Europe the region
        (("中华"), ("", "民族"), [], None),  # both characters are China: the country, no compound
        (("英德"), ("广东", "市"), [], None),  # 英德市: the place
        (("巴西"), ("", "两国"), [], None),  # 巴 alone names no country: the place
    ],
)
def test_compound_partners(surface, around, context, keys) -> None:
    places = default_geocoder().compound_places(surface, around, context)
    assert (None if places is None else [p.key for p in places]) == keys


@pytest.mark.parametrize(
    ("surface", "around", "key"),
    [
        ("中非", ("出席", "合作论坛"), None),  # a compound is never one (third) place
        ("中欧", ("", "关系"), None),  # likewise
        ("中非", ("", "共和国总统"), "XX:CF"),  # the country itself
        ("中东欧", ("中国与", "国家"), "REGION:中东欧"),  # Central and Eastern Europe, not the Middle East
    ],
)
def test_resolve_never_gives_a_third_place(surface, around, key) -> None:
    place = default_geocoder().resolve(surface, around=around)
    assert (place.key if place else None) == key


@pytest.mark.parametrize(
    ("char", "around", "name"),
    [
        ("奥", ("北京冬", "会"), None),  # a character of a word (冬奥会): no place
        ("日", ("民抗", "战争"), None),  # 抗日战争: a word, not a pair
        ("埃", ("西非", "博拉"), None),  # 西非埃博拉: a continent's last character pairs with China only
        ("英", ("总理", "拉举行"), None),  # 英拉 (a person's name): 拉 is no partner for 英
        ("非", ("亚", "领导人"), None),  # 亚非: continents pair with China only
        ("京", ("会议在", "举行"), "北京市"),  # 在京: a verb that takes the city
        ("沪", ("代表团抵", "后"), "上海市"),  # 抵沪
        ("华", ("总统将访", "期间"), "中国"),  # 访华
        ("美", ("中", "关系"), "美国"),  # 中美关系
        ("塞", ("中", "关系"), None),  # 塞 names several countries and none is known
    ],
)
def test_abbreviated_place(char, around, name) -> None:
    assert abbreviated_place(char, around) == name


def _loc_rows(text: str) -> list[dict]:
    frames = extract_entities([{"article_id": "a", "title": "标题", "body": text, "published_on": None}])
    entities = {e["entity_id"]: e for e in frames.entities.to_dicts()}
    return [dict(m, key=entities[m["entity_id"]]["canonical_key"]) for m in frames.mentions.to_dicts()]


@pytest.mark.parametrize(
    ("body", "allowed"),
    [
        ("第八届中非合作论坛部长级会议在达喀尔举行,中非双方签署多项协议。", {CN, AFRICA}),  # China-Africa
        ("首趟中欧班列从重庆出发,中欧关系稳步发展。", {CN, EUROPE}),  # China-Europe
        ("两国元首表示,中美关系和中俄关系都很重要。", {CN, US, RU}),  # two pairs
    ],
)
def test_compounds_in_articles_are_both_partners_or_none(body, allowed) -> None:
    rows = [r for r in _loc_rows(body) if r["method"] == "abbreviation"]
    assert {r["key"] for r in rows} == allowed  # both partners of every pair, never a third place
    assert all(r["end"] - r["start"] == 1 for r in rows)
    body_rows = [r for r in _loc_rows(body) if r["key"] in ("XX:CF", "REGION:中欧")]
    assert body_rows == []


def test_one_character_names_that_are_no_names_are_dropped() -> None:
    rows = _loc_rows("党的十八大以来,北京冬奥会筹办工作顺利推进。")
    surfaces = {(r["type"], r["surface"]) for r in rows}
    assert ("PER", "八") not in surfaces and ("ORG", "八") not in surfaces  # a digit of an ordinal
    assert not any(r["surface"] == "奥" for r in rows)  # a character of 冬奥会
    assert all(r["end"] - r["start"] > 1 or r["method"] == "abbreviation" for r in rows)
