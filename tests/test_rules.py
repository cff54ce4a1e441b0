"""Rule extractors: numbers, MONEY, PERCENT, DATE, canonical keys."""

import datetime as dt

import pytest

from pipelines.extract.amounts import find_amounts, find_percents
from pipelines.extract.canonical import canonical_key, entity_id
from pipelines.extract.dates import find_dates
from pipelines.extract.numbers import parse_number
from tests.conftest import INVENTED_DUMP

REF = dt.date(2025, 7, 17)


@pytest.mark.parametrize(
    "text,value",
    [
        ("1,200", 1200),  # thousands separator
        ("3.5亿", 3.5e8),  # decimal with Chinese multiplier
        ("1.2万亿", 1.2e12),  # stacked multipliers
        ("两百万", 2e6),  # 两 as a digit
        ("十二亿", 1.2e9),  # leading 十 means ten
        ("十二亿三千万", 1.23e9),  # 亿 and 万 groups
        ("一百零五", 105),  # 零 placeholder
        ("二〇二四", 2024),  # positional digits, as in years
        ("十二点五", 12.5),  # Chinese decimal point
        ("万", None),  # a bare multiplier is not a number
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text,surface,value,currency",
    [
        ("给予每项10万元资助", "10万元", 100000, "CNY"),  # seed dump
        ("给予每项6万元资助", "6万元", 60000, "CNY"),  # seed dump
        ("每项每天2000元予以资助", "2000元", 2000, "CNY"),  # seed dump
        ("每个月要自动扣费800元", "800元", 800, "CNY"),  # seed dump teaser
        ("投资3.5亿元", "3.5亿元", 3.5e8, "CNY"),  # decimal + 亿
        ("贸易额1.2万亿美元", "1.2万亿美元", 1.2e12, "USD"),  # 美元 beats 元
        ("门票50欧元", "50欧元", 50, "EUR"),  # euro
        ("约100港元", "100港元", 100, "HKD"),  # Hong Kong dollar
        ("奖励三千元", "三千元", 3000, "CNY"),  # Chinese numerals
        ("两百万元", "两百万元", 2e6, "CNY"),  # 两 + 百万
        ("十二亿元人民币", "十二亿元人民币", 1.2e9, "CNY"),  # trailing 人民币
        ("人民币5000元", "人民币5000元", 5000, "CNY"),  # leading 人民币
        ("售价$30", "$30", 30, "USD"),  # dollar sign
        ("10多万元", "10多万元", 1e5, "CNY"),  # approximate: floor kept
        ("1,200元", "1,200元", 1200, "CNY"),  # separator
    ],
)
def test_amounts(text, surface, value, currency):
    (m,) = find_amounts(text)
    assert (m.surface, m.value, m.currency) == (surface, value, currency)
    assert text[m.start : m.end] == m.surface


@pytest.mark.parametrize(
    "text",
    [
        "吸引10万人参观",  # a count, no currency
        "几十万元",  # vague amount
        "数千万元",  # vague amount
        "正月十五元宵节",  # 元 starts 元宵
        "二元论",  # 元 starts a word
        "人民币2012年升值",  # prefix currency followed by a year
    ],
)
def test_not_amounts(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    "text,surface,value",
    [
        ("增长5%", "5%", 5),  # integer percent
        ("增长5.5%", "5.5%", 5.5),  # decimal percent
        ("增长3.2％", "3.2％", 3.2),  # full-width sign
        ("占百分之三十", "百分之三十", 30),  # Chinese form
        ("百分之十二点五", "百分之十二点五", 12.5),  # Chinese decimal
        ("千分之五", "千分之五", 0.5),  # per mille, as percent
    ],
)
def test_percents(text, surface, value):
    (m,) = find_percents(text)
    assert (m.surface, m.value) == (surface, value)
    assert text[m.start : m.end] == m.surface


@pytest.mark.parametrize(
    "text,surface,value,precision",
    [
        ("中央气象台7月16日18时继续发布", "7月16日18时", "2025-07-16T18:00", "hour"),  # seed
        ("2024年7月,温岭市", "2024年7月", "2024-07", "month"),  # seed
        ("19日早晨或移入南海", "19日早晨", "2025-07-19", "day"),  # seed
        ("早在2020年,台州", "2020年", "2020", "year"),  # seed
        ("今天(17日)下午5点位于", "今天(17日)下午5点", "2025-07-17T17:00", "hour"),  # seed
        ("今日(7月18日)起", "今日(7月18日)", "2025-07-18", "day"),  # seed
        ("去年同期", "去年", "2024", "year"),  # relative year
        ("今年3月", "今年3月", "2025-03", "month"),  # relative year + month
        ("昨天上午", "昨天上午", "2025-07-16", "day"),  # relative day
        ("今晚8点", "今晚8点", "2025-07-17T20:00", "hour"),  # evening shifts hour
        ("上午10点半", "上午10点半", None, "minute"),  # time without date
        ("2012年7月16日", "2012年7月16日", "2012-07-16", "day"),  # full date
        ("二〇二四年三月五日", "二〇二四年三月五日", "2024-03-05", "day"),  # Chinese numerals
        ("2024-07-16", "2024-07-16", "2024-07-16", "day"),  # ISO form
        ("7月份", "7月份", "2025-07", "month"),  # 份 suffix
        ("2月30日", "2月30日", None, "day"),  # invalid day
        ("7月16日18时30分", "7月16日18时30分", "2025-07-16T18:30", "minute"),  # minutes
    ],
)
def test_dates(text, surface, value, precision):
    (m,) = find_dates(text, REF)
    assert (m.surface, m.value, m.precision) == (surface, value, precision)
    assert text[m.start : m.end] == m.surface


@pytest.mark.parametrize(
    "text",
    [
        "来自巴基斯坦的90后小伙",  # generation label
        "缩短3至5个工作日",  # duration
        "20天以上的项目",  # duration
        "今年第6号台风",  # only 今年 is a date here (checked below)
        "成立15周年",  # anniversary
        "日前,来自台州",  # vague, deliberately skipped
        "近日,65岁的徐女士",  # vague, deliberately skipped
        "三伏天临近",  # season
        "连续3日",  # duration
        "5日元",  # yen
        "24小时",  # duration
        "1990年代",  # decade
    ],
)
def test_not_dates(text):
    assert [m.surface for m in find_dates(text, REF)] in ([], ["今年"])


def test_range_inherits_month():
    # 7月16日至18日: the bare 18日 belongs to July, from the same sentence.
    ms = find_dates("8月1日发布:7月16日至18日有雨", dt.date(2025, 8, 1))
    assert [m.value for m in ms] == ["2025-08-01", "2025-07-16", "2025-07-18"]


def test_no_reference_keeps_surface():
    # Without a publication date, month/day cannot be placed in a year.
    (m,) = find_dates("7月16日18时", None)
    assert (m.surface, m.value, m.precision) == ("7月16日18时", None, "hour")


def test_invented_dump():
    text = INVENTED_DUMP.read_text(encoding="utf-8")
    dates = {m.surface: m.value for m in find_dates(text, REF)}
    assert dates["7月15日20时"] == "2025-07-15T20:00"  # month, day and hour
    assert dates["2023年5月"] == "2023-05"  # year and month only
    assert dates["18日上午"] == "2025-07-18"  # a bare day, placed in the reference month
    money = {(m.surface, m.value, m.currency) for m in find_amounts(text)}
    assert {("8万元", 80000, "CNY"), ("3000元", 3000, "CNY"), ("2万元", 20000, "CNY")} <= money
    assert not any("12名" in m.surface or "第6号" in m.surface for m in find_dates(text, REF))  # counts, not dates


@pytest.mark.parametrize(
    "a,b",
    [
        ("卡山·汗", "卡山•汗"),  # interpunct variants
        ("《人民日报》", "人民日报"),  # title brackets
        ("ＷＨＯ", "who"),  # full-width + case
        ("台州 学院", "台州学院"),  # inner space
    ],
)
def test_canonical_key_merges(a, b):
    assert canonical_key("ORG", a) == canonical_key("ORG", b)


def test_entity_id_stable():
    # Ids must not depend on the process (no salted hash()).
    assert entity_id("PER", "卡山") == entity_id("PER", "卡山")
    assert len(entity_id("PER", "卡山")) == 16
    assert entity_id("PER", "卡山") != entity_id("ORG", "卡山")
