"""The pure entity step: dateline mentions, overlap resolution, nested organisations, frames."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.extract.entities import (
    _dateline_mentions,
    _nested_organisations,
    _without_overlaps,
    article_text,
    extract_entities,
)


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("台州学院建筑工程学院", ["台州学院"]),  # university, then its school
        ("台州市公安局出入境管理局", ["台州市公安局"]),  # bureau, then its division
        ("北京协和医院急诊科", ["北京协和医院"]),  # hospital, then its department
        ("台州市科学技术局", []),  # the institution is the whole name
        ("中央气象台", []),  # no institution head inside
    ],
)
def test_nested_organisations(surface: str, expected: list[str]) -> None:
    found = _nested_organisations([(10, 10 + len(surface), "ORG", surface, "model")])
    assert [m[3] for m in found] == expected
    assert all(m[0] == 10 and m[4] == "nested" for m in found)


def test_dateline_mentions_point_at_the_text() -> None:
    title, body = "标题", "中新网台州4月7日电(傅飞扬 元萌)正文"
    text = article_text(title, body)
    span, found = _dateline_mentions(title, body)
    assert [(m[2], m[3], m[4]) for m in found] == [
        ("ORG", "中新网", "source"),
        ("PER", "傅飞扬", "byline"),
        ("PER", "元萌", "byline"),
    ]
    assert text[span[0] : span[1]] == "中新网台州4月7日电(傅飞扬 元萌)"
    assert all(text[m[0] : m[1]] == m[3] for m in found)


def test_dateline_spans_win_over_overlapping_model_spans() -> None:
    found = [(0, 3, "ORG", "中新网", "source"), (0, 5, "LOC", "中新网台州", "model"), (3, 5, "LOC", "台州", "model")]
    assert _without_overlaps(found) == [(0, 3, "ORG", "中新网", "source"), (3, 5, "LOC", "台州", "model")]


@pytest.mark.parametrize("seed", range(4))
def test_without_overlaps_equals_pairwise_check(seed):
    # The neighbour search must keep exactly what checking every kept span keeps: random spans,
    # nested, crossing, adjacent and repeated, with dateline/byline spans taking precedence.
    import random

    def reference(found):
        ordered = sorted(found, key=lambda m: (m[4] not in ("source", "byline"), m[0], -(m[1] - m[0])))
        kept = []
        for m in ordered:
            if all(m[1] <= k[0] or m[0] >= k[1] for k in kept):
                kept.append(m)
        return sorted(kept, key=lambda m: (m[0], m[1]))

    rng = random.Random(seed)
    for _ in range(300):
        found = []
        for _ in range(rng.randrange(0, 15)):
            start = rng.randrange(0, 30)
            end = start + rng.randrange(0 if rng.random() < 0.05 else 1, 6)
            found.append((start, end, "PER", "x", rng.choice(["model", "source", "byline", "document"])))
        assert _without_overlaps(found) == reference(found), found


def test_extract_entities_frames_are_consistent() -> None:
    article = {
        "article_id": "a1",
        "title": "温岭市外国人签证点启用",
        "body": "中新网台州7月16日电(记者 李明)浙江省台州市温岭市今天启用签证点,投资10万元,增长5%。(完)",
        "published_on": date(2025, 7, 16),
    }
    frames = extract_entities([article])
    text = article_text(article["title"], article["body"])
    for row in frames.mentions.iter_rows(named=True):
        assert text[row["start"] : row["end"]] == row["surface"]
    assert set(frames.mentions["entity_id"]) <= set(frames.entities["entity_id"])
    places = {r["name"]: r["adcode"] for r in frames.entities.iter_rows(named=True) if r["type"] == "LOC"}
    assert places.get("温岭市") == "331081"
    amounts = {(r["kind"], r["value"], r["currency"]) for r in frames.amounts.iter_rows(named=True)}
    assert ("money", 100000.0, "CNY") in amounts and ("percent", 5.0, None) in amounts
    assert ("PER", "李明") in set(zip(frames.mentions["type"], frames.mentions["surface"]))


def _entities_of(title: str, body: str) -> tuple[list[dict], dict[str, dict]]:
    frames = extract_entities([{"article_id": "a", "title": title, "body": body, "published_on": date(2025, 7, 1)}])
    return frames.mentions.to_dicts(), {e["entity_id"]: e for e in frames.entities.to_dicts()}


def test_outlet_and_reporters_are_kept_as_boilerplate() -> None:
    mentions, _ = _entities_of(
        "标题", "中国网络电视台消息(新闻联播):本台消息,张小明在会上发言。\n第二段。(记者 陈一 林二)"
    )
    methods = {(m["surface"], m["method"]) for m in mentions}
    assert ("中国网络电视台", "source") in methods  # the outlet of the lead
    assert {("陈一", "byline"), ("林二", "byline")} <= methods  # reporters named at the end


@pytest.mark.parametrize(
    ("surfaces", "type_", "same"),
    [
        (["新华社", "新华通讯社"], "ORG", True),  # short and full name of the agency
        (["外交部", "中国外交部"], "ORG", True),  # with and without 中国
        (["安理会", "联合国安理会"], "ORG", True),  # short and full name
        (["央视", "中央电视台"], "ORG", True),  # nickname and official name
        (["卡山·汗", "卡山•汗", "卡山汗"], "PER", True),  # middle-dot variants and none
        (["ＷＨＯ", "世界卫生组织"], "ORG", True),  # full-width Latin abbreviation and the Chinese name
        (["拜登总统", "拜登"], "PER", True),  # a title after the name
        (["央视", "央视网"], "ORG", False),  # the broadcaster and its website are different organisations
    ],
)
def test_canonical_names(surfaces, type_, same) -> None:
    from pipelines.extract.canonical import canonical_key

    keys = {canonical_key(type_, s) for s in surfaces}
    assert (len(keys) == 1) == same


def test_aliases_never_merge_across_types() -> None:
    from pipelines.extract.canonical import canonical_key, entity_id

    assert canonical_key("PER", "安理会") != canonical_key("ORG", "安理会")  # the alias table is per type
    assert entity_id("ORG", "联合国") != entity_id("LOC", "联合国")


def test_a_latin_gloss_in_brackets_is_the_same_entity() -> None:
    from pipelines.extract.entities import _glossed_entity

    text = "巴基斯坦学者卡山(Kashan Khan)表示"
    start = text.index("Kashan")
    # the Chinese name ends right before the bracket: its entity is reused for the gloss
    assert _glossed_entity(text, start, "PER", "Kashan Khan", {("PER", start - 1): "e1"}) == "e1"
    assert _glossed_entity(text, start, "ORG", "Kashan Khan", {("PER", start - 1): "e1"}) is None  # not across types
