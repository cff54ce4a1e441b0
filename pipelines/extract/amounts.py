"""MONEY and PERCENT mentions found by rules.

A number only counts as money when a currency word is attached (`10万` alone
is a count of anything); the value is in whole currency units after applying
Chinese multipliers, so `3.5亿元` is 350000000 CNY.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.extract.numbers import AR_NUM, CN_NUM, parse_number

# Longest names first so 新台币 wins over 台币 and 美元 over 元.
CURRENCIES: dict[str, str] = {
    "元人民币": "CNY",
    "人民币": "CNY",
    "元": "CNY",
    "块钱": "CNY",
    "美元": "USD",
    "美金": "USD",
    "欧元": "EUR",
    "港元": "HKD",
    "港币": "HKD",
    "日元": "JPY",
    "英镑": "GBP",
    "韩元": "KRW",
    "卢布": "RUB",
    "澳元": "AUD",
    "加元": "CAD",
    "新台币": "TWD",
    "台币": "TWD",
    "澳门元": "MOP",
    "澳门币": "MOP",
    "瑞士法郎": "CHF",
    "法郎": "CHF",
    "新加坡元": "SGD",
    "新元": "SGD",
    "泰铢": "THB",
    "越南盾": "VND",
    "林吉特": "MYR",
    "卢比": "INR",
    "里拉": "TRY",
    "兰特": "ZAR",
    "雷亚尔": "BRL",
    "新西兰元": "NZD",
    "比索": "PHP",
    "印尼盾": "IDR",
    "沙特里亚尔": "SAR",
    "迪拉姆": "AED",
    "特别提款权": "XDR",
}
PREFIX_CURRENCIES = {
    "人民币": "CNY",
    "美元": "USD",
    "欧元": "EUR",
    "港币": "HKD",
    "$": "USD",
    "US$": "USD",
    "¥": "CNY",
    "￥": "CNY",
    "€": "EUR",
    "£": "GBP",
    "HK$": "HKD",
}

_cur_alt = "|".join(re.escape(c) for c in sorted(CURRENCIES, key=len, reverse=True))
_pre_alt = "|".join(re.escape(c) for c in sorted(PREFIX_CURRENCIES, key=len, reverse=True))
# Word prefixes other than 人民币 are too often followed by an unrelated
# number (欧元2012年...), so only symbols and 人民币 stand alone.
_pre_alt_alone = "|".join(
    re.escape(c)
    for c in sorted(PREFIX_CURRENCIES, key=len, reverse=True)
    if not ("\u4e00" <= c[0] <= "\u9fff") or c == "人民币"
)

# 多/余 make the amount approximate (10多万元); we keep the stated floor.
_NUM = rf"(?:{AR_NUM}[多余]?[十百千万亿]*|{CN_NUM})"

AMOUNT_RE = re.compile(
    # Lookbehinds: 几十万元/数千万元 are vague, and a digit before means we
    # are inside a longer number.
    rf"(?<![\d.几数])(?:(?P<pre>{_pre_alt})\s?)?(?P<num>{_NUM})[多余]?\s?"
    # 二元论, 多元化, 十五元宵: 元 starts another word there.
    rf"(?P<cur>{_cur_alt})(?![论化素首帅宵])"
    # A prefix currency alone also makes money (人民币5000万, $30); the
    # lookahead stops backtracking into a year (人民币2012年).
    rf"|(?P<pre2>{_pre_alt_alone})\s?(?P<num2>{AR_NUM}[十百千万亿]*)(?![\d.年月日号])"
)

PERCENT_RE = re.compile(
    rf"(?<![\d.])(?P<num>{AR_NUM})\s?[%％]"
    rf"|百分之(?P<cn>{CN_NUM}|{AR_NUM})"
    rf"|千分之(?P<permille>{CN_NUM}|{AR_NUM})"
)

# Cheap pre-checks: most sentences contain none of these characters.
_AMOUNT_HINT = re.compile(r"[元币镑卢郎铢盾特尔索$¥￥€£块]")
_PERCENT_HINT = re.compile(r"[%％]|[百千]分之")


@dataclass(frozen=True, slots=True)
class AmountMention:
    start: int
    end: int
    surface: str
    value: float
    currency: str


@dataclass(frozen=True, slots=True)
class PercentMention:
    start: int
    end: int
    surface: str
    value: float


def find_amounts(text: str) -> list[AmountMention]:
    if not _AMOUNT_HINT.search(text):
        return []
    out: list[AmountMention] = []
    for m in AMOUNT_RE.finditer(text):
        if m.group("num2") is not None:
            num, cur = m.group("num2"), PREFIX_CURRENCIES[m.group("pre2")]
        else:
            num = m.group("num").rstrip("多余")
            cur = CURRENCIES[m.group("cur")]
            pre = m.group("pre")
            # 美元100元 is unusual; for 人民币5000元 both agree anyway.
            if pre and cur == "CNY":
                cur = PREFIX_CURRENCIES[pre]
        value = parse_number(num.replace("多", "").replace("余", ""))
        if value is None:
            continue
        out.append(AmountMention(m.start(), m.end(), m.group(0), value, cur))
    return out


def find_percents(text: str) -> list[PercentMention]:
    if not _PERCENT_HINT.search(text):
        return []
    out: list[PercentMention] = []
    for m in PERCENT_RE.finditer(text):
        if m.group("num") is not None:
            value = parse_number(m.group("num"))
        elif m.group("cn") is not None:
            value = parse_number(m.group("cn"))
        else:
            v = parse_number(m.group("permille"))
            value = None if v is None else v / 10
        if value is None:
            continue
        out.append(PercentMention(m.start(), m.end(), m.group(0), value))
    return out
