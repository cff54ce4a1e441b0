"""Publication dates, sources, bylines and kinds on modern news forms (issue 9). All text is invented."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipelines.ingest.dateline import find_dateline, find_trailing_reporters
from pipelines.ingest.dump import ingest_dump
from pipelines.ingest.parse import Article, parse_record
from pipelines.ingest.reference_date import infer_year

NOV = date(2025, 11, 20)


@pytest.mark.parametrize(
    ("month", "day", "reference", "expected"),
    [
        (1, 30, date(2025, 11, 1), date(2026, 1, 30)),  # January dateline in a November dump: next January
        (11, 28, date(2026, 1, 10), date(2025, 11, 28)),  # November dateline in a January dump: last November
        (7, 1, date(2025, 1, 1), date(2025, 7, 1)),  # exactly half a year either side: the year nearer wins
        (12, 31, date(2025, 7, 2), date(2025, 12, 31)),  # 182 days ahead beats 183 behind
    ],
)
def test_year_is_the_one_nearest_the_reference(month, day, reference, expected) -> None:
    assert infer_year(month, day, reference) == expected


@pytest.mark.parametrize(
    ("text", "source", "expected", "method"),
    [
        # an event date in the lead never beats the dump's known day
        ("t\n央视网消息:10月3日,第十届论坛在北京开幕。", "manifest", NOV, "reference"),
        # the same with a day taken from the file path
        ("t\n国家统计局9月15日发布数据显示,物价平稳。", "path", NOV, "reference"),
        # a dateline gives the date even when the day is known
        ("t\n新华社北京11月19日电 正文\n第二段", "manifest", date(2025, 11, 19), "dateline"),
        # without a known day, an announced date (将于) is an event: fall back to the reference
        ("t\n外交部宣布,某国总统将于12月4日至7日访华。", "override", NOV, "reference"),
        # without a known day, a plain date at the top is used
        ("t\n本台消息,11月18日晚,一场暴雪袭击北方。", "override", date(2025, 11, 18), "lead"),
    ],
)
def test_publication_date_rules(text, source, expected, method) -> None:
    article = parse_record(text, NOV, 10_000, source)
    assert isinstance(article, Article)
    assert (article.published_on, article.published_on_method) == (expected, method)


def test_confidence_and_years_guessed_from_mtime() -> None:
    text = "t\n新华社北京11月19日电 正文"
    known = parse_record(text, NOV, 10_000, "manifest")
    guessed = parse_record(text, NOV, 10_000, "mtime")
    assert (known.published_on_year_guessed, guessed.published_on_year_guessed) == (False, True)
    assert known.published_on_confidence > guessed.published_on_confidence > 0


def test_a_manifest_day_wins_over_a_lead_date_in_a_real_dump(tmp_path: Path) -> None:
    (tmp_path / "MANIFEST.tsv").write_text("file\tday\nd.txt\t20251120\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text(
        "标题一\n央视网消息:10月3日,某展览开幕。\n-\n标题二\n中新网北京11月19日电 正文。\n", encoding="utf-8"
    )
    dump = ingest_dump(tmp_path / "d.txt", "d.txt", reference_override=None, max_record_chars=10_000)
    got = {row["title"]: (row["published_on"], row["published_on_confidence"]) for row in dump.articles.to_dicts()}
    assert got == {"标题一": (NOV, 0.9), "标题二": (date(2025, 11, 19), 0.95)}


@pytest.mark.parametrize(
    ("body", "agency", "place", "reporters", "month_day"),
    [
        # bracketed lead of a web outlet; the agency quoted after it is not the source
        ("【环球网报道】据韩联社7月3日报道,韩国政府宣布", "环球网", None, [], None),
        # bracketed newspaper lead with a stationed and a staff reporter
        ("【环球时报驻韩国特约记者 陈一 环球时报记者 林二】韩国政府", "环球时报", "韩国", ["陈一", "林二"], None),
        # a newspaper's correspondent lead
        ("光明日报驻东京记者 周三 日本政府近日", "光明日报", "东京", ["周三"], None),
        # a newspaper's own dateline with an unbracketed byline
        ("本报上海5月3日电  记者 吴四 报道:今年", "本报", "上海", ["吴四"], (5, 3)),
        # traditional script: the source is given in simplified script, the reporter as written
        ("人民網北京5月3日電 （記者 鄭五）", "人民网", "北京", ["鄭五"], (5, 3)),
        # the app channel is not part of the place
        ("中新网客户端北京7月29日电 (记者 王六)", "中新网", "北京", ["王六"], (7, 29)),
        # a column name in brackets is not an author
        ("新华社东京5月3日电(国际观察)日本", "新华社", "东京", [], (5, 3)),
    ],
)
def test_sources_and_bylines(body, agency, place, reporters, month_day) -> None:
    found = find_dateline(body)
    assert found is not None
    assert (found.agency, found.place, found.reporters) == (agency, place, reporters)
    assert (found.month, found.day) == (month_day or (None, None))
    assert body[found.agency_start : found.agency_end] in (agency, "人民網")
    assert [body[s:e] for s, e in found.reporter_spans] == reporters


@pytest.mark.parametrize(
    "body",
    [
        "据韩联社首尔5月3日电 韩国政府",  # relayed copy: 韩联社 is quoted, not the source
        "外交部发言人说,据韩联社5月3日消息,双方",  # an agency quoted in the middle of a sentence
    ],
)
def test_a_quoted_agency_is_not_the_source(body: str) -> None:
    assert find_dateline(body) is None


def test_reporters_named_at_the_end() -> None:
    article = parse_record("t\n新华社北京5月3日电 正文。\n第二段。(记者 赵七 钱八)", NOV, 10_000, "manifest")
    assert article.authors == ["赵七", "钱八"]
    assert find_trailing_reporters("正文。(完)") == []  # no byline


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("标题\n" + "评论第一段。" * 20 + "\n" + "评论第二段。" * 20, "full"),  # commentary without a dateline
        ("标题\n一段完整的短消息。\n补充一句。", "brief"),  # two short lines: a brief
    ],
)
def test_kind_of_pieces_without_dateline(text: str, kind: str) -> None:
    assert parse_record(text, NOV, 10_000, "manifest").kind == kind
