"""Record parsing: datelines, leads, kinds, publication dates and quarantine reasons."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipelines.ingest.dateline import find_dateline
from pipelines.ingest.dump import ingest_dump
from pipelines.ingest.parse import Article, Rejection, article_id_for, parse_record
from pipelines.ingest.reference_date import date_in_path, infer_year

REF = date(2025, 7, 17)


@pytest.mark.parametrize(
    ("body", "agency", "place", "month_day", "reporters", "method"),
    [
        # the reference dateline: agency, place, date, two reporters
        ("中新网台州4月7日电(傅飞扬 元萌)“聚英卡”", "中新网", "台州", (4, 7), ["傅飞扬", "元萌"], "dateline"),
        # Xinhua style with 记者 role words and 、 between names
        ("新华社北京7月17日电(记者张三、李四)今天", "新华社", "北京", (7, 17), ["张三", "李四"], "dateline"),
        # no place; dateline after a photo caption
        ("图片来源:《中国国家旅游》 中新网7月17日电 近日,在西藏", "中新网", None, (7, 17), [], "dateline"),
        # full-width brackets
        ("人民网北京3月2日电（记者 王芳）", "人民网", "北京", (3, 2), ["王芳"], "dateline"),
        # lead with colon
        ("央视网消息:目前,一场高温", "央视网", None, None, [], "lead"),
        # 讯 lead
        ("中国天气网讯 中央气象台7月17日18时", "中国天气网", None, None, [], "lead"),
        # lead with programme name in brackets
        ("中国网络电视台消息(新闻联播):本台消息", "中国网络电视台", None, None, [], "lead"),
    ],
)
def test_find_dateline(body, agency, place, month_day, reporters, method) -> None:
    found = find_dateline(body)
    assert found is not None
    assert (found.agency, found.place, found.reporters, found.method) == (agency, place, reporters, method)
    assert (found.month, found.day) == (month_day or (None, None))


@pytest.mark.parametrize(
    "body",
    [
        "一条警方紧急提醒日前冲上热搜",  # ordinary sentence, no source
        "好消息:今天起地铁延长运营",  # 好消息 is not an agency
        "中央气象台7月16日18时继续发布高温橙色预警",  # a date, but not a dateline
    ],
)
def test_no_dateline(body: str) -> None:
    assert find_dateline(body) is None


@pytest.mark.parametrize(
    ("month", "day", "reference", "expected"),
    [
        (7, 16, date(2025, 7, 17), date(2025, 7, 16)),  # day before the reference
        (12, 30, date(2025, 1, 2), date(2024, 12, 30)),  # across new year, backwards
        (1, 2, date(2024, 12, 30), date(2025, 1, 2)),  # across new year, forwards (a few days ahead)
        (4, 7, date(2025, 7, 17), date(2025, 4, 7)),  # months earlier in the same year
        (2, 29, date(2025, 3, 1), date(2024, 2, 29)),  # leap day only exists in 2024
    ],
)
def test_infer_year(month, day, reference, expected) -> None:
    assert infer_year(month, day, reference) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("landing/2025-07-17_wire.txt", date(2025, 7, 17)),  # ISO date in the name
        ("landing/20250717.txt", date(2025, 7, 17)),  # compact date
        ("2024/07/17/dump.txt", None),  # folders split across parts are not one date
        ("dump_00000_cef231890a53c7ba.txt", None),  # hex hash digits are not a date
        ("landing/xwlb_20120702_2.txt.gz", date(2012, 7, 2)),  # date between underscores
    ],
)
def test_date_in_path(path: str, expected) -> None:
    assert date_in_path(Path(path)) == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("标题\n中新网台州4月7日电 第一段。\n第二段。(完)", "full"),  # ends with (完)
        ("标题\n新华社北京7月1日电 第一段。\n第二段。", "full"),  # dateline and several paragraphs
        ("标题\n央视网消息:一条快讯被截断...", "teaser"),  # one line ending in ...
        ("标题\n中国天气网讯 一条快讯被截断…", "teaser"),  # one line ending in …
        ("标题\n一段完整的短消息。", "brief"),  # complete single paragraph
    ],
)
def test_kind(text: str, kind: str) -> None:
    article = parse_record(text, REF, 10_000)
    assert isinstance(article, Article) and article.kind == kind


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),  # blank record between two separators
        ("  \n \t", "empty"),  # whitespace only
        ("\n正文没有标题", "no_title"),  # first line blank
        ("只有标题", "no_body"),  # title line only
        ("标题\n" + "长" * 500, "oversized"),  # longer than the limit given below
        ("标题\n正文\udce2坏字节", "undecodable"),  # bytes that did not decode
        ("标" * 400 + "\n正文", "title_too_long"),  # a paragraph where the title should be
    ],
)
def test_quarantine_reasons(text: str, reason: str) -> None:
    outcome = parse_record(text, REF, 450)
    assert isinstance(outcome, Rejection) and outcome.reason == reason and outcome.detail


def test_article_id_ignores_whitespace_and_width() -> None:
    assert article_id_for("标题 A", "正文１") == article_id_for("标题  A", "正文1")
    assert article_id_for("标题", "正文") != article_id_for("标题", "正文。")


def test_published_on_methods() -> None:
    dateline = parse_record("t\n新华社北京7月16日电 正文\n第二段", REF, 10_000)
    lead = parse_record("t\n中央气象台7月15日18时发布预警...", REF, 10_000)
    none = parse_record("t\n没有日期的快讯...", REF, 10_000)
    assert (dateline.published_on, dateline.published_on_method) == (date(2025, 7, 16), "dateline")
    assert (lead.published_on, lead.published_on_method) == (date(2025, 7, 15), "lead")
    assert (none.published_on, none.published_on_method) == (REF, "reference")


def test_invented_dump(invented_dump: Path) -> None:
    dump = ingest_dump(
        invented_dump, invented_dump.name, reference_override=date(2025, 7, 18), max_record_chars=200_000
    )
    assert dump.status == "parsed" and dump.records == 7 and dump.quarantined == 0
    articles = {row["article_id"]: row for row in dump.articles.iter_rows(named=True)}
    by_record = {o["record_no"]: articles[o["article_id"]] for o in dump.occurrences.iter_rows(named=True)}
    assert len(by_record) == 7
    first = by_record[1]
    assert (first["kind"], first["source"], first["dateline_place"]) == ("full", "中新网", "绍兴")
    assert (first["published_on"], first["published_on_method"]) == (date(2025, 7, 16), "dateline")
    assert first["authors"] == ["郑明远", "白若溪"]
    assert [by_record[n]["kind"] for n in range(2, 8)] == ["teaser"] * 6
    assert by_record[4]["source"] == "央视网"
    assert by_record[3]["source"] == by_record[6]["source"] == by_record[7]["source"] == "中国天气网"
    # A teaser without a dateline takes the date at the top of its body (the day is not otherwise known).
    assert (by_record[5]["published_on"], by_record[5]["published_on_method"]) == (date(2025, 7, 15), "lead")
    raw = invented_dump.read_bytes()
    for occurrence in dump.occurrences.iter_rows(named=True):
        article = articles[occurrence["article_id"]]
        sliced = raw[occurrence["byte_start"] : occurrence["byte_end"]].decode("utf-8")
        assert sliced.split("\n")[0] == article["title"]
        assert sliced.endswith(article["body"][-20:])


def test_bench_dumps_parse_completely(bench_dir: Path) -> None:
    # A slice of real dumps: every record parsed or quarantined, dates from the manifest.
    for path in sorted(bench_dir.glob("*.txt"))[:40]:
        dump = ingest_dump(path, path.name, reference_override=None, max_record_chars=200_000)
        assert dump.parsed + dump.quarantined == dump.records > 0
        assert dump.reference_date_source == "manifest"


@pytest.mark.parametrize(
    ("body", "rest"),
    [
        ("中国网络电视台消息(新闻联播):本台消息,应国家主席邀请", "应国家主席邀请"),  # two stacked CCTV leads
        ("中新网台州4月7日电(傅飞扬 元萌)“聚英卡”", "“聚英卡”"),  # wire dateline with reporters
        ("中国天气网讯 中央气象台发布", "中央气象台发布"),  # 讯 lead
        ("好消息:今天起地铁延长运营", "好消息:今天起地铁延长运营"),  # not an outlet: kept
        ("图片来源:某刊 中新网7月17日电 近日", "图片来源:某刊 中新网7月17日电 近日"),  # dateline not at the top: kept
    ],
)
def test_strip_source_lead(body: str, rest: str) -> None:
    from pipelines.ingest.dateline import strip_source_lead

    assert strip_source_lead(body) == rest
