"""Recognise who published an article and where/when it was filed, from the top (and foot) of its body.

Forms handled, in order of precedence:
- a bracketed lead: `【环球网报道】`, `【环球时报驻韩国特约记者 张三 环球时报记者 李四】`;
- a correspondent lead: `光明日报驻东京记者 王五 ...`;
- a wire dateline: `中新网台州4月7日电(傅飞扬 元萌)`, `本报北京5月3日电 记者 赵六`, `中新网客户端北京7月29日电`,
  in either script (`人民網北京5月3日電`);
- a source lead: `央视网消息:`, `中国天气网讯`.
A dateline quoted inside a sentence (`据韩联社首尔5月3日电`) names someone else's copy, not the source.
Reporters named at the end (`(记者 张三 李四)`) come from `find_trailing_reporters`.

Matching runs on the simplified-script copy of the body (same length, see `script.py`), so every offset is an
offset into the original body and every surface is read from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.ingest.script import to_simplified

# Agencies seen in Chinese wire copy; the generic pattern below catches others ending in 网/社/报/台.
KNOWN_AGENCIES = (
    "中国新闻网",
    "中新网",
    "中新社",
    "新华社",
    "新华网",
    "人民网",
    "人民日报",
    "央视网",
    "央视新闻",
    "央广网",
    "中国日报网",
    "中国日报",
    "光明网",
    "环球网",
    "澎湃新闻",
    "国际在线",
    "中国网",
    "中国青年网",
    "中青网",
    "经济日报",
    "法治日报",
    "工人日报",
    "科技日报",
    "北京日报",
    "新京报",
    "中国经济网",
    "中国天气网",
    "中国网络电视台",
    "南方网",
    "大众网",
    "东方网",
    "红网",
    "荆楚网",
    "浙江在线",
    "华龙网",
    "北青网",
    "界面新闻",
    "财新网",
    "每日经济新闻",
    "上观新闻",
    "潮新闻",
    "环球时报",
    "光明日报",
    "中国青年报",
    "解放军报",
    "人民日报海外版",
    "海外网",
    "中国新闻社",
    "新华通讯社",
    "中央广播电视总台",
    "总台",
    "本报",
    "本台",
)
_AGENCY_ALT = "|".join(sorted(map(re.escape, KNOWN_AGENCIES), key=len, reverse=True))
_GENERIC_AGENCY = r"[\u4e00-\u9fff]{1,6}?(?:网|社|报|台)"
_AGENCY = rf"(?:{_AGENCY_ALT}|{_GENERIC_AGENCY})"
# Channels of an outlet that are not part of the place: 中新网客户端北京7月29日电.
_CHANNEL = r"(?:客户端|微信公众号|微博|APP|App|app)?"
# A dateline starts the body, or follows whitespace, a closing bracket or a colon (a photo caption);
# never the middle of a sentence (据韩联社首尔5月3日电 quotes another agency).
_AT_BOUNDARY = r"(?<![^\s】)）:：>》\]])"
_ROLE = r"(?:特约|特派|首席|见习|实习|本报|本台)?(?:记者|通讯员|实习生|摄影记者|摄影)"

_DATELINE = re.compile(
    rf"{_AT_BOUNDARY}(?P<agency>{_AGENCY}){_CHANNEL}"
    r"(?P<place>[\u4e00-\u9fff]{0,8}?)"
    r"(?P<month>1[0-2]|0?[1-9])月(?P<day>3[01]|[12]\d|0?[1-9])日"
    r"(?:电|讯|消息)"
    r"(?:\s*[(（](?P<reporters>[^()（）\n]{1,60})[)）]"
    rf"|[ \t\u3000]*(?P<loose>{_ROLE}[ \t\u3000]*[\u4e00-\u9fff·]{{2,8}}"
    rf"(?:[ \t\u3000、]+(?:{_ROLE})?[ \t\u3000]*[\u4e00-\u9fff·]{{2,8}})*?)(?=[ \t\u3000]|报道|[:：,，]|$))?"
)
_LEAD = re.compile(
    rf"^\s*(?:【[^】]{{0,20}}】)?\s*(?P<agency>{_AGENCY}|[\u4e00-\u9fff]{{2,10}}?){_CHANNEL}"
    r"(?:消息|讯)\s*(?:[(（](?P<reporters>[^()（）\n]{1,30})[)）])?\s*[:：]?"
)
_BRACKET_LEAD = re.compile(rf"^\s*【(?P<agency>{_AGENCY}){_CHANNEL}(?P<rest>[^】\n]{{0,60}})】")
_BRACKET_REST = re.compile(r"(?:综合)?(?:报道|讯|消息)?")
_CORRESPONDENT = re.compile(
    rf"^\s*(?P<agency>{_AGENCY})驻(?P<place>[\u4e00-\u9fff]{{1,8}}?){_ROLE}"
    r"(?P<names>[ \t\u3000]*[\u4e00-\u9fff·]{2,8}?(?:[ \t\u3000、]+[\u4e00-\u9fff·]{2,8}?)*?)(?=[ \t\u3000:：,，]|$)",
    re.M,
)
_TRAILING = re.compile(rf"[(（](?P<inner>\s*{_ROLE}[^()（）\n]{{1,50}})[)）]\s*$")
_STATIONED = re.compile(rf"驻(?P<place>[\u4e00-\u9fff]{{1,8}}?){_ROLE}")

_ROLE_PREFIX = re.compile(rf"^(?:{_AGENCY_ALT})?(?:驻[\u4e00-\u9fff]{{1,8}}?)?{_ROLE}|^(?:编辑|报道)")
_TOKEN = re.compile(r"[^\s、,，/;；]+")
# Bracketed words after a dateline that are a column or format, not a reporter: (国际观察), (记者手记).
_NOT_A_NAME = re.compile(
    r"(?:观察|手记|述评|综述|评论|快评|时评|专稿|特稿|聚焦|视点|热点|解读|连线|调查|纪实|速递|专访|新闻|报道|"
    r"快讯|特写|组图|图|视频|直播|现场|消息|声音|观点|故事|访谈|札记|随笔|综合|编译|来源|摘编)$"
)
_DATELINE_WINDOW = 300  # a dateline sits at the top, sometimes after a photo caption


@dataclass(frozen=True)
class Dateline:
    agency: str  # simplified-script name of the outlet (人民网 for 人民網)
    place: str | None
    month: int | None
    day: int | None
    reporters: list[str] = field(default_factory=list)  # as written in the body
    start: int = 0  # character offsets of the dateline in the body
    end: int = 0
    method: str = "dateline"  # "dateline" for `...X月X日电`, "lead" for `XX消息:` / `【XX报道】` / `XX驻YY记者`
    agency_start: int = 0  # offsets of the agency's surface in the body
    agency_end: int = 0
    reporter_spans: list[tuple[int, int]] = field(default_factory=list)


def find_dateline(body: str) -> Dateline | None:
    """Return the bracketed or correspondent lead, the wire dateline, or the source lead at the top."""
    simple = to_simplified(body[:_DATELINE_WINDOW])
    bracket = _BRACKET_LEAD.match(simple)
    if bracket and (_BRACKET_REST.fullmatch(bracket["rest"].strip()) or re.search(_ROLE, bracket["rest"])):
        stationed = _STATIONED.search(bracket["rest"])
        reporters = _names_after_roles(body, simple, bracket.start("agency"), bracket.end("rest"))
        return _make(bracket, None, stationed["place"] if stationed else None, reporters, "lead")
    correspondent = _CORRESPONDENT.match(simple)
    if correspondent and _plausible_agency(correspondent["agency"]):
        reporters = _names_after_roles(body, simple, correspondent.start("agency"), correspondent.end("names"))
        return _make(correspondent, None, correspondent["place"], reporters, "lead")
    match = _DATELINE.search(simple)
    if match and _plausible_agency(match["agency"]):
        if match["reporters"]:
            reporters = _bracket_names(body, match.start("reporters"), match.end("reporters"), simple)
        elif match["loose"]:
            reporters = _names_after_roles(body, simple, match.start("loose"), match.end("loose"))
        else:
            reporters = []
        month_day = (int(match["month"]), int(match["day"]))
        return _make(match, month_day, match["place"] or None, reporters, "dateline")
    lead = _LEAD.match(simple[:80])
    if lead and _plausible_agency(lead["agency"]):
        reporters = []
        if lead["reporters"] and re.search(_ROLE, lead["reporters"]):
            reporters = _bracket_names(body, lead.start("reporters"), lead.end("reporters"), simple)
        return _make(lead, None, None, reporters, "lead", start=lead.start("agency"))
    return None


def _make(match: re.Match, month_day, place, reporters, method, start: int | None = None) -> Dateline:
    names = [name for name, _, _ in reporters]
    spans = [(s, e) for _, s, e in reporters]
    month, day = month_day if month_day else (None, None)
    return Dateline(
        agency=match["agency"],
        place=place,
        month=month,
        day=day,
        reporters=names,
        start=match.start() if start is None else start,
        end=match.end(),
        method=method,
        agency_start=match.start("agency"),
        agency_end=match.end("agency"),
        reporter_spans=spans,
    )


def find_trailing_reporters(body: str) -> list[tuple[str, int, int]]:
    """Reporters credited at the very end, `(记者 张三 李四)`: (name, start, end) in the body."""
    tail_from = max(0, len(body) - 80)
    simple = to_simplified(body[tail_from:])
    match = _TRAILING.search(simple)
    if match is None:
        return []
    found = _names_after_roles(body[tail_from:], simple, match.start("inner"), match.end("inner"))
    return [(name, tail_from + s, tail_from + e) for name, s, e in found]


def _names_after_roles(original: str, simple: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Names in simple[start:end] that follow a role word (记者, 特约记者 ...), with offsets."""
    found = []
    after_role = False
    for token in _TOKEN.finditer(simple, start, end):
        text, at = token.group(), token.start()
        role = _ROLE_PREFIX.match(text)
        if role:
            after_role = True
            text, at = text[role.end() :], at + role.end()
            if not text:
                continue
        elif not after_role:
            continue
        if _is_name(text):
            found.append((original[at : at + len(text)], at, at + len(text)))
        else:
            after_role = False  # an outlet name (环球时报记者) or other words: wait for the next role
    return found


def _bracket_names(original: str, start: int, end: int, simple: str) -> list[tuple[str, int, int]]:
    """Names inside a dateline's brackets: `(记者张三、李四)`, `(傅飞扬 元萌)`; none for `(国际观察)`."""
    found = []
    for token in _TOKEN.finditer(simple, start, end):
        text, at = token.group(), token.start()
        role = _ROLE_PREFIX.match(text)
        if role:
            text, at = text[role.end() :], at + role.end()
            if not text:
                continue
        if not _is_name(text):
            return []  # one non-name means the bracket is not a byline
        found.append((original[at : at + len(text)], at, at + len(text)))
    return found


def _is_name(text: str) -> bool:
    if not 1 < len(text) <= 20 or _NOT_A_NAME.search(text):
        return False
    if "·" in text:
        return True
    # Chinese names have two to four characters; longer runs without a dot are words.
    return len(text) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in text)


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
    # `据韩联社...电` relays another agency's copy: that agency is quoted, not the source.
    if name.startswith(("据", "援引", "引述", "转引")):
        return False
    return name in KNOWN_AGENCIES or name.endswith(("网", "社", "报", "台", "电视台", "新闻", "在线"))
