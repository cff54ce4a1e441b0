"""Short and long forms of one name in one article, and across articles. Pure: no Dagster, no SQL.

Within an article, a short form links to the entity of a full name of the same type that appears before it:

- `transliteration_segment`: a part of a dotted foreign name (马斯克 after 埃隆·马斯克);
- `surname_of_full_name`: the family name of a Japanese name in an article about Japan (石破 after 石破茂, 岸田
  after 岸田文雄);
- `company_short_name`: the head of a registered company name (宁德时代 after 宁德时代新能源科技股份有限公司, also
  written 宁德时代股份 or 宁德时代集团);
- `office_with_country`: a foreign office without its country (国民议会 after 法国国民议会, or 美国务院 after
  美国国务院), unless the bare name means China's own (国防部, 国务院: the alias table lists 中国X for it);
- `office_without_country`: China's own office with its country (中国外交部 -> 外交部: the bare name is how
  Chinese news names its own government, so the qualified form joins it).

Never merged: a short form that fits two full names (马斯克 after 埃隆·马斯克 and 金巴尔·马斯克); a short form that
comes first; the head of a Chinese name or of an undotted transliteration (张伟 and 张伟明 are two people, 斯诺 is
not 斯诺登); a given name (a tagger's span that took in a preposition, 同普京, would swallow 普京); a place's name
as a company's (吉林 and 吉林化纤股份有限公司); an organisation inside a longer one (国务院 and 国务院办公厅 stay
apart); a name across types (中山 the city and 中山 a person never meet). Known limit: in an article about Japan, a
Chinese two-character name that heads a three- or four-character one (张伟, 张伟明) is taken for a family name.

Across articles, the warehouse's alias rows of the reasons in LEARNABLE (pairs seen together) link a short form
seen alone, when it points at one entity only (`apply_learned`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.extract.entity_types import ORGANISATION, PERSON

# Reasons whose pairs hold outside the article they were seen in (an office's country does not).
LEARNABLE = frozenset({"transliteration_segment", "surname_of_full_name", "company_short_name", "latin_gloss"})
MIN_LEARNED_PERSON_CHARS = 3
_REGISTERED = re.compile(r"(?:股份有限公司|有限责任公司|集团有限公司|有限公司|集团公司|股份公司)$")
# What may stand between a company's head and its legal suffix: 宁德时代|新能源科技|股份有限公司.
_INDUSTRY = re.compile(
    r"(?:新能源|新材料|能源|科技|技术|信息|网络|电子|电气|电器|汽车|控股|集团|股份|实业|投资|国际|智能|医药|生物|"
    r"软件|通信|半导体|电池|化纤|钢铁|航空)*"
)
_SHORT_COMPANY_TAIL = re.compile(r"(?:集团|股份|公司)$")
_CHINA_PREFIXES = ("中华人民共和国", "中国", "我国")
_JAPAN = re.compile(r"日本|日方|日相|日首相")
# A short form followed by one of these is part of another name (布朗大学, 马斯克号): not taken.
_NAME_GOES_ON = frozenset("大学院公司馆州市县镇村岛山河湖江号家族")


def about_japan(text: str) -> bool:
    """Whether the article speaks of Japan, whose people it may name by family name alone."""
    return bool(_JAPAN.search(text))


def short_form_occurrences(text: str, spans: list[tuple[int, int, str, str]], japan: bool) -> list[tuple[int, int]]:
    """Untagged occurrences, after a person's full name, of the forms it is cut to (the last part of a dotted
    name: 马斯克 of 埃隆·马斯克; in an article about Japan, the family name: 石破 of 石破茂), outside every span.
    `spans`: (start, end, type, surface) of the article's mentions."""
    taken = sorted((s, e) for s, e, _, _ in spans)
    found: list[tuple[int, int]] = []
    for _start, end, kind, surface in spans:
        if kind != PERSON:
            continue
        shorts = set()
        if "·" in surface and len(surface.rsplit("·", 1)[1]) >= 2:
            shorts.add(surface.rsplit("·", 1)[1])
        elif japan and 3 <= len(surface) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in surface):
            shorts.add(surface[:2])
        for short in shorts:
            at = text.find(short, end)
            while at >= 0:
                stop = at + len(short)
                free = all(stop <= s or at >= e for s, e in taken + found)
                if free and text[stop : stop + 1] not in _NAME_GOES_ON:
                    found.append((at, stop))
                at = text.find(short, stop)
    return sorted(set(found))


@dataclass(frozen=True)
class Named:
    """One mention as the resolver sees it: its type, the entity's display name, where it starts, its entity
    and the entity's canonical key."""

    kind: str
    name: str
    start: int
    entity_id: str
    key: str


@dataclass(frozen=True)
class Link:
    entity_id: str  # the entity the mention now belongs to
    reason: str
    full_form: str  # the other form of the pair (the full name, or for office_without_country the bare one)


def short_form_reason(
    kind: str,
    short: str,
    full: str,
    *,
    about_japan: bool = False,
    is_place=lambda name: False,
    country_names: frozenset[str] = frozenset(),
    china_default: frozenset[str] = frozenset(),
) -> str | None:
    """`china_default`: bare office names that mean China's own in Chinese news (外交部, 国防部, 国务院)."""
    """Why `short` names the same entity as `full` (both display names, same type), or None."""
    if len(short) < 2 or len(full) <= len(short) or short == full:
        return None
    if kind == PERSON:
        if "·" in full:
            return "transliteration_segment" if short in full.split("·") and "·" not in short else None
        if not _is_han(full) or not _is_han(short):
            return None
        # Japanese names are cut to the family name (石破 after 石破茂); Chinese ones never are (张伟 and 张伟明
        # are two people), nor undotted transliterations (斯诺 is not 斯诺登).
        if about_japan and len(short) == 2 and 3 <= len(full) <= 4 and full.startswith(short):
            return "surname_of_full_name"
        return None
    if kind == ORGANISATION:
        if _REGISTERED.search(full) and not is_place(short):
            head = _SHORT_COMPANY_TAIL.sub("", short) if len(short) > 4 else short
            if len(head) >= 2 and full.startswith(head) and not is_place(head):
                rest = _REGISTERED.sub("", full[len(head) :])
                if _INDUSTRY.fullmatch(rest):
                    return "company_short_name"
            return None
        if short in china_default:  # 国防部 alone is China's, even beside 俄罗斯国防部 (国防部长梁光烈)
            return None
        for country in country_names:
            if full.startswith(country) and full[len(country) :] == short and country not in _CHINA_PREFIXES:
                return "office_with_country"
        return None
    return None


def abbreviated_office(short: str, full: str, abbreviations: dict[str, str]) -> bool:
    """美国务院 for 美国国务院: a country's one-character abbreviation in place of its name."""
    if len(short) < 3 or short[0] not in abbreviations or not abbreviations[short[0]]:
        return False
    return full == abbreviations[short[0]] + short[1:]


def china_office(name: str, known: set[str]) -> str | None:
    """The bare name of China's own office (中国外交部 -> 外交部) when the bare form is in the article too."""
    for prefix in _CHINA_PREFIXES:
        if name.startswith(prefix) and name[len(prefix) :] in known and len(name) - len(prefix) >= 2:
            return name[len(prefix) :]
    return None


def resolve_article(
    named: list[Named],
    *,
    about_japan: bool = False,
    is_place=lambda name: False,
    country_names: frozenset[str] = frozenset(),
    abbreviations: dict[str, str] | None = None,
    china_default: frozenset[str] = frozenset(),
) -> dict[int, Link]:
    """Index of a mention -> its link to another form's entity, for the mentions of one article."""
    first: dict[tuple[str, str], tuple[int, str]] = {}  # (type, name) -> (first start, entity)
    for item in named:
        key = (item.kind, item.name)
        if key not in first or item.start < first[key][0]:
            first[key] = (item.start, item.entity_id)
    links: dict[int, Link] = {}
    by_kind: dict[str, dict[str, tuple[int, str]]] = {PERSON: {}, ORGANISATION: {}}
    for (kind, name), seen in first.items():
        if kind in by_kind:
            by_kind[kind][name] = seen
    org_names = set(by_kind[ORGANISATION])
    for index, item in enumerate(named):
        if item.kind not in (PERSON, ORGANISATION):
            continue
        if item.kind == ORGANISATION:
            bare = china_office(item.name, org_names)
            if bare is not None and first[(ORGANISATION, bare)][1] != item.entity_id:
                links[index] = Link(first[(ORGANISATION, bare)][1], "office_without_country", bare)
                continue
        fulls = {}
        head, tail = item.name[:2], item.name[-2:]
        for full, (start, entity) in by_kind[item.kind].items():
            if start >= item.start or entity == item.entity_id or (head not in full and tail not in full):
                continue  # every rule needs the short form's first or last two characters in the full name
            reason = short_form_reason(
                item.kind,
                item.name,
                full,
                about_japan=about_japan,
                is_place=is_place,
                country_names=country_names,
                china_default=china_default,
            )
            if (
                reason is None
                and item.kind == ORGANISATION
                and abbreviations
                and abbreviated_office(item.name, full, abbreviations)
            ):
                reason = "office_with_country"
            if reason is not None:
                fulls[entity] = (reason, full)
        if len(fulls) == 1:  # a short form that fits two full names is left alone
            ((entity, (reason, full)),) = fulls.items()
            links[index] = Link(entity, reason, full)
    return links


def apply_learned(
    named: list[Named], links: dict[int, Link], learned: dict[tuple[str, str], tuple[str, str]]
) -> dict[int, Link]:
    """Links for the mentions still alone, from pairs learned in other articles: `learned` maps (type, canonical
    key of a short form) -> (entity, full form), holding only short forms that point at one entity."""
    out = dict(links)
    for index, item in enumerate(named):
        if index in out:
            continue
        hit = learned.get((item.kind, item.key))
        if hit is not None and hit[0] != item.entity_id:
            out[index] = Link(hit[0], "learned_pair", hit[1])
    return out


def learned_pairs(rows: list[tuple[str, str, str, str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
    """(type, canonical key of the alias, reason, entity, full form) alias rows -> the unambiguous
    (type, key) -> (entity, full form)."""
    seen: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for kind, alias, reason, entity, full in rows:
        # Two-character surnames (布朗, 米勒, 田中) are shared by too many people to follow outside their article.
        if reason in LEARNABLE and not (kind == PERSON and len(alias) < MIN_LEARNED_PERSON_CHARS):
            seen.setdefault((kind, alias), set()).add((entity, full))
    return {key: next(iter(targets)) for key, targets in seen.items() if len({e for e, _ in targets}) == 1}


def _is_han(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)
