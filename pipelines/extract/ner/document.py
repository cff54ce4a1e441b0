"""Article-level refinement of the tagger's spans: what one sentence at a time cannot see.

1. Known names (`resources/known_names.tsv`: modern public figures, organisations, companies) are
   matched in the text; a known name wins over model spans it contains or crosses (岸田文雄 over
   田文雄, 肯雅塔 over 雅塔) and is added where the model found nothing (文在寅, 大疆).
2. Document consistency: a name the model tagged in one place is tagged in its other, untagged
   occurrences in the same article, with the type it got most often (a tie between types: left alone;
   a LOC name only when the gazetteer knows the place, so a misread 两岸 does not spread).
3. Fixes for systematic errors: a country name tagged ORG is a place (德国, 荷兰); a "person" followed
   by 号 is a ship (卡尔·文森号); 亚洲大洋洲局局|长 gives its last 局 back to the title; 境管理局 after
   出入 takes it in; a short list of common words the model mistakes for names (`not_names.txt`).

The tagger itself (and so `newswh eval-ner` on sentence-level benchmarks) is unchanged; the entity
step applies this per article.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from pipelines.extract.entity_types import ORGANISATION, PERSON, PLACE

RESOURCES = Path(__file__).with_name("resources")
DOCUMENT_VERSION = "doc-1.1.0"

Span = tuple[int, int, str, str]  # (start, end, type, how: model | known_name | document)


@dataclass(frozen=True)
class KnownNames:
    pattern: re.Pattern
    types: dict[str, str]
    not_after: dict[str, tuple[str, ...]]
    not_before: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def known_names() -> KnownNames:
    types: dict[str, str] = {}
    not_after: dict[str, tuple[str, ...]] = {}
    not_before: dict[str, tuple[str, ...]] = {}
    for line in (RESOURCES / "known_names.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t") + ["", ""]
        type_, name = parts[0], parts[1]
        types[name] = type_
        not_after[name] = tuple(filter(None, parts[2].split("|")))
        not_before[name] = tuple(filter(None, parts[3].split("|")))
    alternation = "|".join(map(re.escape, sorted(types, key=len, reverse=True)))
    return KnownNames(re.compile(alternation), types, not_after, not_before)


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    words = (RESOURCES / "not_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in words if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    from pipelines.extract.places import default_geocoder

    return frozenset(p.name for p in default_geocoder().places if p.level == "country")


def refine_document(text: str, spans: list[tuple[int, int, str]]) -> list[Span]:
    """The tagger's (start, end, type) spans of one article in, (start, end, type, how) out."""
    spans = _fix_known_errors(text, [(s, e, t, "model") for s, e, t in spans])
    spans = _apply_known_names(text, spans)
    spans = _propagate(text, spans)
    return sorted(spans)


def _apply_known_names(text: str, spans: list[Span]) -> list[Span]:
    names = known_names()
    kept = list(spans)
    for match in names.pattern.finditer(text):
        name, start, end = match.group(), match.start(), match.end()
        if text.startswith(names.not_after[name], end) or any(
            text.endswith(w, 0, start) for w in names.not_before[name]
        ):
            continue
        # Only spans overlapping the match matter below; most matches overlap one span or none.
        overlapping = [k for k in kept if k[1] > start and k[0] < end]
        # A model span that contains the known name is a longer name (中国石油天然气集团): keep it.
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e, _, _ in overlapping):
            continue
        same = [k for k in overlapping if (k[0], k[1], k[2]) == (start, end, names.types[name])]
        if overlapping:
            kept = [k for k in kept if k[1] <= start or k[0] >= end]
        kept.extend(same or [(start, end, names.types[name], "known_name")])
    return kept


def _propagate(text: str, spans: list[Span]) -> list[Span]:
    votes: dict[str, dict[str, int]] = defaultdict(dict)  # name -> type -> count, types in first-seen order
    for s, e, t, _ in spans:
        if e - s >= 2:
            counts = votes[text[s:e]]
            counts[t] = counts.get(t, 0) + 1
    if not votes:
        return spans
    covered = bytearray(len(text))
    for s, e, _, _ in spans:
        covered[s:e] = b"\x01" * (e - s)
    added = []
    for name in sorted(votes, key=len, reverse=True):
        # Counter.most_common(2): by count, ties in first-seen order (sorted is stable).
        ranked = sorted(votes[name].items(), key=itemgetter(1), reverse=True)[:2]
        if len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
            continue  # tagged as two types equally often: no basis to choose
        type_ = ranked[0][0]
        if type_ == PLACE and name not in _place_names():
            continue  # spread only real places: a misread LOC (两岸, 天宫) would spread its error
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if not any(covered[at:end]):
                added.append((at, end, type_, "document"))
                covered[at:end] = b"\x01" * (end - at)
            at = text.find(name, end)
    return spans + added


_UNIT_ENDS = "局部处司院厅科所署委办"
# A date the model ran into a name: 克里米亚半岛|25号.
_TRAILING_DATE = re.compile(r"[0-9０-９一二三四五六七八九十]+[号日]$")


def _fix_known_errors(text: str, spans: list[Span]) -> list[Span]:
    countries, stop = _countries(), not_names()
    out = []
    for s, e, t, how in _split_at_title_marks(text, spans):
        trailing = _TRAILING_DATE.search(text, s, e)
        if trailing and trailing.start() - s >= 2:
            e = trailing.start()
        surface = text[s:e]
        if surface in stop:
            continue
        if t == ORGANISATION and surface in countries:
            t = PLACE  # 立陶宛, 德国, 荷兰 on their own are countries
        if t == PERSON and text.startswith("号", e):
            continue  # 卡尔·文森号, 罗纳德·里根号: ships, not people
        if t == PERSON and surface in _world_place_names():
            t = PLACE  # 哈尔科夫, 基辅: a city on a front line is no person
        if t == PERSON and _ARMY.fullmatch(surface):
            t = ORGANISATION  # 乌军, 俄军: an army is no person
        if (
            t == ORGANISATION
            and e - s >= 3
            and surface[-1] == surface[-2]
            and surface[-1] in _UNIT_ENDS
            and text.startswith("长", e)
        ):
            e -= 1  # 亚洲大洋洲局局|长: the second 局 belongs to 局长
        if t == ORGANISATION and s >= 2 and text[s - 2 : s] == "出入" and surface.startswith("境"):
            s -= 2  # 出入|境管理局
        out.append((s, e, t, how))
    return _join_dotted_institutions(text, out)


def _join_dotted_institutions(text: str, spans: list[Span]) -> list[Span]:
    """约翰斯·霍普金斯大学: a person's name, a name dot and an institution named after the person are one
    organisation, not a person and a cut institution."""
    by_start = {s: (s, e, t, how) for s, e, t, how in spans}
    joined, drop = [], set()
    for s, e, t, how in spans:
        head = _INSTITUTION_HEAD.match(text, e)
        if t == PERSON and head and e not in by_start:
            joined.append((s, head.end(), ORGANISATION, how))  # 斯坦福|大学, 约翰斯·霍普金斯|大学
            drop.add((s, e))
            continue
        after = by_start.get(e + 1)
        if (
            t == PERSON
            and e < len(text)
            and text[e] in "·•・"
            and after
            and after[2] == ORGANISATION
            and _INSTITUTION_END.search(text, after[0], after[1])
        ):
            joined.append((s, after[1], ORGANISATION, how))
            drop.update({(s, e), (after[0], after[1])})
    return [span for span in spans if (span[0], span[1]) not in drop] + joined


_ARMY = re.compile(r"[美俄乌英法德日韩朝以伊叙印巴土越菲泰缅][军]")
_INSTITUTION_HEAD = re.compile(r"大学|学院|医院|基金会|研究所|研究院|博物馆|图书馆")
_INSTITUTION_END = re.compile(r"(?:大学|学院|医院|基金会|研究所|研究院|中心|博物馆|图书馆)$")


@lru_cache(maxsize=1)
def _world_place_names() -> frozenset[str]:
    from pipelines.extract.places import default_geocoder

    return default_geocoder().names(chinese=False)


def _split_at_title_marks(text: str, spans: list[Span]) -> list[Span]:
    """津巴布韦《先驱报: a span running into an opening 《 is a place (when the gazetteer knows it)
    followed by the title of a newspaper or book, which keeps the span's type."""
    out = []
    for s, e, t, how in spans:
        cut = text.find("《", s + 1, e)
        if cut < 0:
            out.append((s, e, t, how))
            continue
        if text[s:cut] in _place_names():
            out.append((s, cut, PLACE, how))
        if e - (cut + 1) >= 2:
            out.append((cut + 1, e, t, how))
    return out


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    from pipelines.extract.places import default_geocoder

    return default_geocoder().names(chinese=True) | default_geocoder().names(chinese=False)
