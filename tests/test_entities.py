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
    found = _dateline_mentions(title, body)
    assert [(m[2], m[3]) for m in found] == [("ORG", "中新网"), ("PER", "傅飞扬"), ("PER", "元萌")]
    assert all(text[m[0] : m[1]] == m[3] for m in found)


def test_dateline_spans_win_over_overlapping_model_spans() -> None:
    found = [(0, 3, "ORG", "中新网", "dateline"), (0, 5, "LOC", "中新网台州", "model"), (3, 5, "LOC", "台州", "model")]
    assert _without_overlaps(found) == [(0, 3, "ORG", "中新网", "dateline"), (3, 5, "LOC", "台州", "model")]


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
