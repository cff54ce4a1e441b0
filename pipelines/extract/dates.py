"""DATE mentions: find date/time expressions and normalise them to ISO.

Values are resolved against the article's publication date (`reference`):
a month/day without a year takes the reference year, a bare day takes the
reference year and month, and 今年/去年/今天/昨天 shift from it.  When a
mention cannot be pinned to the calendar (no reference, invalid day, a time
of day with no date) it is still returned, with `value=None`, so callers can
keep the surface; `precision` then tells what the surface itself specified.

Deliberately *not* emitted: vague expressions (近日, 日前, 近期, 目前, 当天,
三伏天, 上周): they carry no resolvable value and would only add noise.
Durations and counts (`3至5个工作日`, `20天以上`, `15周年`, `90后`,
`第6号台风`) are excluded by the patterns' look-arounds.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipelines.extract.numbers import parse_number

_CN_D = "〇零○一二三四五六七八九"
YEAR = rf"(?:1[89]\d\d|20\d\d|21\d\d|[{_CN_D}]{{4}})"
MON = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
HOUR = r"(?:[01]?\d|2[0-4]|[零一二两三四五六七八九十]{1,3})"
MINUTE = r"(?:[0-5]?\d|[零一二三四五六七八九十]{1,3})"
PART = (
    r"(?:凌晨|清晨|早晨|早上|上午|中午|午后|下午|傍晚|晚上|晚间|夜间|夜里|"
    r"半夜|午夜|深夜|白天|夜晚|晚(?![会宴餐报年辈])|早(?![已就在期先日年些]))"
)

_REL_YEAR = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
_REL_DAY = {
    "今天": 0,
    "今日": 0,
    "今晨": 0,
    "今晚": 0,
    "昨天": -1,
    "昨日": -1,
    "昨晚": -1,
    "昨夜": -1,
    "前天": -2,
    "明天": 1,
    "明日": 1,
    "明晚": 1,
    "后天": 2,
}
# Times of day that move an hour into the afternoon/evening (下午5点 = 17:00).
_PM_PARTS = {
    "下午",
    "午后",
    "傍晚",
    "晚上",
    "晚间",
    "夜间",
    "夜里",
    "晚",
    "夜晚",
    "今晚",
    "昨晚",
    "明晚",
    "昨夜",
    "深夜",
}

HEAD_RE = re.compile(
    # Every branch starts with one of these characters; checking them first
    # lets the scan skip most positions without trying each branch (~4x faster).
    r"(?=[\d〇零○一二三四五六七八九十今本去上前明昨后凌清早中午下傍晚夜半深白])(?:"
    # 2024年7月16日 / 2024年7月 / 2024年; 1990年代 is a decade, not a year.
    rf"(?<![\d.])(?P<y>{YEAR})年(?!代)(?:(?P<m>{MON})月(?:(?P<d>{DAY})[日号])?)?"
    rf"|(?<![\d.])(?P<iy>(?:19|20)\d\d)(?P<sep>[-/])(?P<im>1[0-2]|0?[1-9])(?P=sep)(?P<id>3[01]|[12]\d|0?[1-9])(?!\d)"
    rf"|(?P<ry>今年|本年|去年|上年|前年|明年)(?:(?P<rm>{MON})月(?:(?P<rdd>{DAY})[日号])?)?"
    # The lookbehind keeps 3个月/第3月/12.5月 out; 份 is part of 7月份.
    rf"|(?<![\d个第.余多])(?P<m2>{MON})月(?:(?P<d2>{DAY})[日号]|份)?"
    # A bare day: only Arabic digits (三日 is usually "three days"), not after
    # words that make it a duration (连续3日, 近3日), not 日元/日内/日以上;
    # 号 only when a time follows (第6号台风, 5号线 are not dates).
    rf"|(?<![\d个第.\-/:续近每隔共约满达历])(?P<d3>3[01]|[12]\d|0?[1-9])"
    rf"(?:日(?![元内本语游])(?!以[上下内])|号(?={PART}|\d{{1,2}}[时点]))"
    rf"|(?P<rd>今天|今日|今晨|今晚|昨天|昨日|昨晚|昨夜|前天|明天|明日|明晚|后天)"
    rf"(?:[(（](?:(?P<pm>{MON})月)?(?P<pd>{DAY})[日号][)）])?"
    # Time of day with no date in front: 下午5点, 18时30分.
    rf"|(?P<tpart>{PART})(?=[\d零一二两三四五六七八九十]{{1,3}}[时点])"
    rf"|(?<![\d.:])(?=\d{{1,2}}时(?![间期候代刻速]))"
    r")"
)
TAIL_RE = re.compile(
    rf"\s?(?P<part>{PART})?(?:(?P<h>{HOUR})"
    # 5点建议 / 3点意见 count points, not hours.
    rf"(?:时|点钟?(?![建意要原措做]))(?:(?P<mi>{MINUTE})分|(?P<half>半))?"
    rf"(?![间期候代刻速]))?"
)
_HINT_RE = re.compile(r"[年月日号时点天晨晚]|\d[-/]\d")
_SENT_END = re.compile(r"[。!?！？;；\n]")


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    surface: str
    value: str | None
    precision: str | None


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    v = parse_number(s)
    return None if v is None else int(v)


def _ymd(y: int | None, m: int | None, d: int | None) -> dt.date | None:
    if y is None or m is None or d is None:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _apply_time(day: dt.date | None, part: str | None, h: int | None, mi: int | None) -> tuple[str | None, str]:
    """ISO value and precision once an hour (maybe) follows a resolved day."""
    if h is None:
        return (day.isoformat() if day else None), "day"
    if part in _PM_PARTS and h < 12 or part == "中午" and h < 3:
        h += 12
    precision = "minute" if mi is not None else "hour"
    if day is None or h > 24 or (mi is not None and mi > 59):
        return None, precision
    stamp = dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=h, minutes=mi or 0)
    return stamp.strftime("%Y-%m-%dT%H:%M"), precision


def find_dates(text: str, reference: dt.date | None) -> list[DateMention]:
    if not _HINT_RE.search(text):
        return []
    out: list[DateMention] = []
    # The last explicit year/month in the same sentence anchors later bare
    # days and months: in 7月16日至18日 the 18 is July 18.
    anchor_end, anchor_y, anchor_m = -1, None, None
    pos = 0
    n = len(text)
    while pos < n:
        m = HEAD_RE.search(text, pos)
        if m is None:
            break
        start, end = m.start(), m.end()
        g = m.group
        if anchor_end >= 0 and _SENT_END.search(text, anchor_end, start):
            anchor_end, anchor_y, anchor_m = -1, None, None
        ref_y = reference.year if reference else None
        ref_m = reference.month if reference else None
        day = None
        y = mo = None
        allow_time = True
        if g("y") is not None:
            y, mo, d = _num(g("y")), _num(g("m")), _num(g("d"))
            if not 1800 <= (y or 0) <= 2199:
                pos = end
                continue
            kind = "day" if d else "month" if mo else "year"
            day = _ymd(y, mo, d)
            anchor_end, anchor_y, anchor_m = end, y, mo
        elif g("iy") is not None:
            y, mo, d = int(g("iy")), int(g("im")), int(g("id"))
            kind, day = "day", _ymd(y, mo, d)
            anchor_end, anchor_y, anchor_m = end, y, mo
        elif g("ry") is not None:
            y = None if ref_y is None else ref_y + _REL_YEAR[g("ry")]
            mo, d = _num(g("rm")), _num(g("rdd"))
            kind = "day" if d else "month" if mo else "year"
            day = _ymd(y, mo, d)
            if y is not None:
                anchor_end, anchor_y, anchor_m = end, y, mo
        elif g("m2") is not None:
            mo, d = _num(g("m2")), _num(g("d2"))
            y = anchor_y if anchor_y is not None else ref_y
            kind = "day" if d else "month"
            day = _ymd(y, mo, d)
            anchor_end, anchor_m = end, mo
        elif g("d3") is not None:
            d = _num(g("d3"))
            y = anchor_y if anchor_y is not None else ref_y
            mo = anchor_m if anchor_m is not None else ref_m
            kind, day = "day", _ymd(y, mo, d)
        elif g("rd") is not None:
            kind = "day"
            if reference is not None:
                base = reference + dt.timedelta(days=_REL_DAY[g("rd")])
                if g("pd") is not None:
                    # 今天(17日): the explicit day beats our idea of "today".
                    pm = _num(g("pm"))
                    base = _ymd(base.year, pm or base.month, _num(g("pd")))
                day = base
                y = day.year if day else None
        else:
            kind = "time"
        if kind in ("year", "month"):
            allow_time = False
        tail = TAIL_RE.match(text, end) if allow_time else None
        part = h = mi = None
        if tail is not None and (tail.group("part") or tail.group("h")):
            part, h, mi = tail.group("part"), _num(tail.group("h")), _num(tail.group("mi"))
            if tail.group("half") is not None:
                mi = 30
            end = tail.end()
        if kind == "time":
            part = part or g("tpart")
            if h is None:
                pos = end + 1
                continue
        elif part is None and g("rd") in _PM_PARTS:
            part = g("rd")  # 今晚8点 = 20:00
        if kind == "year":
            value = str(y) if y is not None else None
            precision = "year"
        elif kind == "month":
            value = f"{y:04d}-{mo:02d}" if y is not None and mo and 1 <= mo <= 12 else None
            precision = "month"
        elif kind == "time":
            # A time of day without a date: we do not guess the day.
            value = None
            precision = "minute" if mi is not None else "hour"
        else:
            value, precision = _apply_time(day, part, h, mi)
        out.append(DateMention(start, end, text[start:end], value, precision))
        pos = max(end, start + 1)
    return out
