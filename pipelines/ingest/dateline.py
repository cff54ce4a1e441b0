"""Recognise wire datelines (`中新网台州4月7日电(傅飞扬 元萌)`) and source leads (`央视网消息:`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Agencies seen in Chinese wire copy; the generic pattern below catches others ending in 网/社/报.
KNOWN_AGENCIES = (
    "中国新闻网", "中新网", "中新社", "新华社", "新华网", "人民网", "人民日报", "央视网", "央视新闻",
    "央广网", "中国日报网", "中国日报", "光明网", "环球网", "澎湃新闻", "国际在线", "中国网",
    "中国青年网", "中青网", "经济日报", "法治日报", "工人日报", "科技日报", "北京日报", "新京报",
    "中国经济网", "中国天气网", "中国网络电视台", "南方网", "大众网", "东方网", "红网", "荆楚网",
    "浙江在线", "华龙网", "北青网", "界面新闻", "财新网", "每日经济新闻", "上观新闻", "潮新闻",
)
_AGENCY_ALT = "|".join(sorted(map(re.escape, KNOWN_AGENCIES), key=len, reverse=True))
_GENERIC_AGENCY = r"[\u4e00-\u9fff]{1,6}?(?:网|社|报|台)"

_DATELINE = re.compile(
    rf"(?P<agency>{_AGENCY_ALT}|{_GENERIC_AGENCY})"
    r"(?P<place>[\u4e00-\u9fff]{0,8}?)"
    r"(?P<month>1[0-2]|0?[1-9])月(?P<day>3[01]|[12]\d|0?[1-9])日"
    r"(?:电|讯|消息)"
    r"(?:\s*[(（](?P<reporters>[^()（）\n]{1,60})[)）])?"
)
_LEAD = re.compile(
    rf"^\s*(?:【[^】]{{0,20}}】)?\s*(?:据)?(?P<agency>{_AGENCY_ALT}|{_GENERIC_AGENCY}|[\u4e00-\u9fff]{{2,10}}?)"
    r"(?:消息|讯)\s*(?:[(（][^()（）\n]{1,12}[)）])?\s*[:：]?"
)
_REPORTER_ROLE = re.compile(r"^(?:记者|通讯员|实习生|见习记者|特约记者|摄影|编辑|报道)+")
_REPORTER_SPLIT = re.compile(r"[\s、,，/;；]+")
_DATELINE_WINDOW = 300  # a dateline sits at the top, sometimes after a photo caption


@dataclass(frozen=True)
class Dateline:
    agency: str
    place: str | None
    month: int | None
    day: int | None
    reporters: list[str] = field(default_factory=list)
    start: int = 0  # character offsets of the dateline in the body
    end: int = 0
    method: str = "dateline"  # "dateline" for `...X月X日电`, "lead" for `XX消息:` / `XX网讯`


def find_dateline(body: str) -> Dateline | None:
    """Return the wire dateline or, failing that, the source lead at the top of the body."""
    match = _DATELINE.search(body[:_DATELINE_WINDOW])
    if match:
        return Dateline(
            agency=match["agency"],
            place=match["place"] or None,
            month=int(match["month"]),
            day=int(match["day"]),
            reporters=split_reporters(match["reporters"] or ""),
            start=match.start(),
            end=match.end(),
        )
    lead = _LEAD.match(body[:80])
    if lead and _plausible_agency(lead["agency"]):
        return Dateline(lead["agency"], None, None, None, [], lead.start("agency"), lead.end(), "lead")
    return None


def strip_source_lead(body: str) -> str:
    """The body without the dateline or source lead it opens with: they name the outlet, not
    the story. Applied twice because CCTV stacks two (中国网络电视台消息(新闻联播):本台消息,)."""
    for _ in range(2):
        text = body.lstrip()
        match = _DATELINE.match(text) or _LEAD.match(text)
        if match is None or not _plausible_agency(match["agency"]):
            break
        body = text[match.end() :].lstrip(" ,，:：")
    return body


def _plausible_agency(name: str) -> bool:
    # `XX消息` also opens ordinary sentences (`好消息`, `据悉消息`): only accept media-like names.
    return name in KNOWN_AGENCIES or name.endswith(("网", "社", "报", "台", "电视台", "新闻", "在线"))


def split_reporters(raw: str) -> list[str]:
    names = []
    for part in _REPORTER_SPLIT.split(raw.strip()):
        name = _REPORTER_ROLE.sub("", part).strip()
        if 1 < len(name) <= 20:
            names.append(name)
    return names
