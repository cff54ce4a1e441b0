"""Which of a day's top names look wrong, so an operator sees them before analysts do. Pure: no Dagster, no SQL.

A top name is suspicious when it is one character, a number or has a digit where names have none (八 of 十八大
as a person), is also a known name of another type (a front-line city or an army as a person, a museum as a
place), or is mostly found as a fragment of a longer name (约翰斯 of 约翰斯·霍普金斯大学: beside a name dot, or
touching or inside another name's mention). The warning check `top_names_look_right` lists them; it never blocks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pipelines.extract.entity_types import ORGANISATION, PERSON, PLACE

TOP_PER_TYPE = 15
# A name is a fragment when at least this share of its mentions sit beside a name dot or against another name.
FRAGMENT_SHARE = 0.5
_NUMERAL = r"0-9０-９零〇一二三四五六七八九十百千万两"
_ALL_NUMERALS = re.compile(rf"[{_NUMERAL}]+")
_DIGIT = re.compile(r"[0-9０-９]")
# Words that end the names of organisations, never a person's or a place's: 乌军, 北约部队, 某某大学, 某某党.
_ORGANISATION_END = re.compile(r"(?:军|部队|大学|学院|公司|集团|委员会|政府|党|部|局|署|组织|协会|银行|医院|法院)$")


@dataclass(frozen=True)
class TopName:
    type: str
    entity_id: str
    name: str
    articles: int
    mentions: int
    fragment_mentions: int  # beside a name dot, or touching or inside another name's mention


@dataclass(frozen=True)
class Suspicion:
    type: str
    name: str
    articles: int
    why: str


def suspicious_names(
    top: list[TopName],
    *,
    is_place: Callable[[str], bool],
    is_organisation: Callable[[str], bool],
    is_person: Callable[[str], bool],
) -> list[Suspicion]:
    """The top names that look wrong, each with every reason found (`; `-joined)."""
    out = []
    for row in top:
        reasons = _reasons(row, is_place, is_organisation, is_person)
        if reasons:
            out.append(Suspicion(row.type, row.name, row.articles, "; ".join(reasons)))
    return out


def _reasons(row: TopName, is_place, is_organisation, is_person) -> list[str]:
    name, kind = row.name, row.type
    reasons = []
    if len(name) == 1:
        reasons.append("one character")
    if _ALL_NUMERALS.fullmatch(name) or (kind != ORGANISATION and _DIGIT.search(name)):
        reasons.append("a number")
    if kind == PERSON and is_place(name):
        reasons.append("a person's name that is a known place")
    if kind == PERSON and (is_organisation(name) or _ORGANISATION_END.search(name)):
        reasons.append("a person's name that is an organisation")
    if kind == PLACE and (is_person(name) or is_organisation(name)):
        reasons.append("a place's name that is a known person or organisation")
    if kind == ORGANISATION and is_place(name):
        reasons.append("an organisation's name that is a known place")
    if row.mentions and row.fragment_mentions / row.mentions >= FRAGMENT_SHARE:
        reasons.append(f"a fragment of a longer name in {row.fragment_mentions} of {row.mentions} mentions")
    return reasons


def judge_top_names(top: list[TopName]) -> list[Suspicion]:
    """`suspicious_names` with the project's own lists: the geocoder's place names, the known names and the
    alias table's organisations and people."""
    from pipelines.extract.canonical import aliases
    from pipelines.extract.ner.document import known_names
    from pipelines.extract.places import default_geocoder

    geocoder, known = default_geocoder(), known_names().types
    organisations = {name for name, kind in known.items() if kind == ORGANISATION}
    organisations |= {canonical for (kind, _), canonical in aliases().items() if kind == ORGANISATION}
    people = {name for name, kind in known.items() if kind == PERSON}
    return suspicious_names(
        top, is_place=geocoder.is_full_name, is_organisation=organisations.__contains__, is_person=people.__contains__
    )
