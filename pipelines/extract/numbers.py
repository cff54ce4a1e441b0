"""Parse numbers written with Arabic digits, Chinese numerals, or a mix.

News text mixes styles freely (`3.5亿`, `两百万`, `十二亿`, `1.2万亿`), so one
parser handles all of them; the regex fragments here are shared by the
amount, percent and date rules so they agree on what a number looks like.
"""

from __future__ import annotations

import re

DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

# A Chinese numeral must start with a digit or 十: a bare 百/千/万 is far more
# often part of a word (百姓, 千万不要, 万一) than a number.
CN_NUM = r"[零〇○一二两三四五六七八九十][零〇○一二两三四五六七八九十百千万亿]*(?:点[零〇○一二三四五六七八九]+)?"
# Thousands separators and decimals as published; full-width digits are
# folded upstream (NFKC) so only ASCII digits are handled here.
AR_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"

_AR_RE = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)(.*)")


def _cn_integer(s: str) -> int | None:
    """Value of a Chinese integer numeral such as 两百万 or 十二亿三千万."""
    # Same rule as CN_NUM: 万 or 百 alone is a word, not a number.
    if not s or s[0] not in DIGITS and s[0] != "十":
        return None
    # Pure digit strings (二〇二四) are positional, not unit-based.
    if all(c in DIGITS for c in s):
        # 两三, 四五 are ranges ("two or three"), not 23 or 45.
        if len(s) == 2 and DIGITS[s[0]] and DIGITS[s[1]]:
            return None
        v = 0
        for c in s:
            v = v * 10 + DIGITS[c]
        return v
    total = 0  # completed 亿 groups
    section = 0  # completed 万 groups below the current 亿
    current = 0  # value below 万
    digit = None
    for i, c in enumerate(s):
        if c in DIGITS:
            # 一二百, 四五万: adjacent non-zero digits before a unit are a range.
            if digit and DIGITS[c] and s[i - 1] in DIGITS:
                return None
            digit = DIGITS[c]
        elif c in SMALL_UNITS:
            # 十 alone at the start means 10 (十二 = 12).
            current += (1 if digit is None else digit) * SMALL_UNITS[c]
            digit = None
        elif c == "万":
            section = (section + current + (digit or 0)) * 10_000
            current, digit = 0, None
        elif c == "亿":
            total = (total + section + current + (digit or 0)) * 100_000_000
            section, current, digit = 0, 0, None
        else:
            return None
    return total + section + current + (digit or 0)


def _multiplier(units: str) -> float | None:
    m = 1.0
    for c in units:
        if c in BIG_UNITS:
            m *= BIG_UNITS[c]
        elif c in SMALL_UNITS:
            m *= SMALL_UNITS[c]
        else:
            return None
    return m


def parse_number(s: str) -> float | None:
    """Numeric value of `s`, or None when it is not a number we understand.

    >>> parse_number("3.5亿"), parse_number("两百万"), parse_number("1,200")
    (350000000.0, 2000000.0, 1200.0)
    """
    s = s.strip()
    if not s:
        return None
    m = _AR_RE.fullmatch(s)
    if m:
        base = float(m.group(1).replace(",", ""))
        mult = _multiplier(m.group(2))
        return None if mult is None else base * mult
    if "点" in s:
        whole, _, frac = s.partition("点")
        # 十二点五万: the multiplier after the decimals applies to the whole.
        tail = ""
        while frac and (frac[-1] in BIG_UNITS):
            tail = frac[-1] + tail
            frac = frac[:-1]
        iv = _cn_integer(whole)
        if iv is None or not frac or not all(c in DIGITS for c in frac):
            return None
        val = float(f"{iv}.{''.join(str(DIGITS[c]) for c in frac)}")
        mult = _multiplier(tail)
        return None if mult is None else val * mult
    v = _cn_integer(s)
    return None if v is None else float(v)
