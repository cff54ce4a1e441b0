"""Everything the entity step finds in a batch of articles, as Polars frames. No Dagster.

Offsets are character (code point) offsets into the article text, defined as
`title + "\\n" + body` (see `article_text`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import polars as pl

from pipelines.extract.abbreviations import COUNTRY_ABBREV
from pipelines.extract.amounts import find_amounts, find_percents
from pipelines.extract.canonical import aliases, canonical_key, canonical_name, entity_id
from pipelines.extract.dates import find_dates
from pipelines.extract.entity_types import ORGANISATION, PERSON, PLACE
from pipelines.extract.name_resolution import (
    Named,
    about_japan,
    apply_learned,
    resolve_article,
    short_form_occurrences,
)
from pipelines.extract.ner import NER_VERSION, default_tagger
from pipelines.extract.ner.document import DOCUMENT_VERSION, refine_document
from pipelines.extract.places import default_geocoder
from pipelines.ingest.dateline import find_dateline, find_trailing_reporters
from pipelines.ingest.script import to_simplified
from pipelines.rows import row_type

RULES_VERSION = "rules-1.2.0"
ENTITY_VERSION = f"{NER_VERSION}+{DOCUMENT_VERSION}+{RULES_VERSION}"

MENTION_SCHEMA = {
    "article_id": pl.String,
    "entity_id": pl.String,
    "type": pl.String,
    "surface": pl.String,
    "start": pl.Int32,
    "end": pl.Int32,
    "method": pl.String,
    "extractor_version": pl.String,
}
ENTITY_SCHEMA = {
    "entity_id": pl.String,
    "type": pl.String,
    "name": pl.String,
    "canonical_key": pl.String,
    "country_code": pl.String,
    "adcode": pl.String,
    "province": pl.String,
    "city": pl.String,
    "county": pl.String,
    "longitude": pl.Float64,
    "latitude": pl.Float64,
    "geo_level": pl.String,
    "extractor_version": pl.String,
}
ALIAS_SCHEMA = {
    "entity_id": pl.String,
    "alias": pl.String,
    "reason": pl.String,
    "full_form": pl.String,
    "article_id": pl.String,
    "extractor_version": pl.String,
}
AMOUNT_SCHEMA = {
    "article_id": pl.String,
    "start": pl.Int32,
    "end": pl.Int32,
    "surface": pl.String,
    "kind": pl.String,
    "value": pl.Float64,
    "currency": pl.String,
    "extractor_version": pl.String,
}
DATE_SCHEMA = {
    "article_id": pl.String,
    "start": pl.Int32,
    "end": pl.Int32,
    "surface": pl.String,
    "value": pl.String,
    "precision": pl.String,
    "extractor_version": pl.String,
}
MentionRow = row_type("MentionRow", MENTION_SCHEMA)
EntityRow = row_type("EntityRow", ENTITY_SCHEMA)
AliasRow = row_type("AliasRow", ALIAS_SCHEMA)
AmountRow = row_type("AmountRow", AMOUNT_SCHEMA)
DateRow = row_type("DateRow", DATE_SCHEMA)


@dataclass
class EntityFrames:
    mentions: pl.DataFrame
    entities: pl.DataFrame
    aliases: pl.DataFrame
    amounts: pl.DataFrame
    dates: pl.DataFrame
    chars: int


def article_text(title: str, body: str) -> str:
    return f"{title}\n{body}"


def extract_entities(
    articles: list[dict], learned: dict[tuple[str, str], tuple[str, str]] | None = None
) -> EntityFrames:
    """`articles`: dicts with article_id, title, body, published_on. `learned`: short forms linked to one full
    name in earlier articles (name_resolution.learned_pairs over the warehouse's alias rows)."""
    texts = [article_text(a["title"], a["body"]) for a in articles]
    # Traditional-script articles are tagged in simplified script; offsets are the same (script.py),
    # surfaces are read from the original text.
    simple_texts = [to_simplified(t) for t in texts]
    tagged = default_tagger().spans_many(simple_texts)
    geocoder = default_geocoder()
    mentions, entities, aliases, amounts, dates = [], {}, {}, [], []
    for article, text, simple, spans in zip(articles, texts, simple_texts, tagged):
        article_id = article["article_id"]
        spans = refine_document(simple, spans)
        boilerplate, found = _dateline_mentions(article["title"], article["body"])
        found += [(s, e, t, text[s:e], _model_method(s, e, how, boilerplate)) for s, e, t, how in spans]
        found = _without_overlaps(found)
        japan = about_japan(simple)
        story = [(s, e, t, simple[s:e]) for s, e, t, _, how in found if how in _STORY_METHODS]
        found = sorted(
            found + [(s, e, PERSON, text[s:e], "document") for s, e in short_form_occurrences(simple, story, japan)]
        )
        found += _nested_organisations(found)
        context = [simple[start:end] for start, end, kind, _, _ in found if kind == PLACE]
        found, abbreviations = _place_abbreviations(found, text, simple, context, geocoder)
        by_end: dict[tuple[str, int], str] = {}
        resolved: list[tuple] = []  # (mention, entity, reason, full form)
        for start, end, kind, surface, method in found:
            around = (simple[max(0, start - 2) : start], simple[end : end + 6])
            place = abbreviations.get((start, end))
            entity = (
                _place_entity(place) if place else _canonical_entity(kind, simple[start:end], context, geocoder, around)
            )
            reason, full_form = "canonical_key", None
            glossed = _glossed_entity(text, start, kind, surface, by_end)
            if glossed is not None:  # 卡山(Kashan Khan): the Latin gloss is the Chinese name's entity
                entity, reason, full_form = entities[glossed], "latin_gloss", entities[glossed].name
            entities.setdefault(entity.entity_id, entity)
            by_end[(kind, end)] = entity.entity_id
            resolved.append(((start, end, kind, surface, method), entity, reason, full_form))
        for (start, end, kind, surface, method), entity, reason, full_form in _linked(
            resolved, learned, geocoder, japan
        ):
            entities.setdefault(entity.entity_id, entity)
            alias = AliasRow(
                entity_id=entity.entity_id,
                alias=surface,
                reason=reason,
                full_form=full_form,
                article_id=None if reason == "canonical_key" else article_id,
                extractor_version=ENTITY_VERSION,
            )
            if reason != "canonical_key" or (entity.entity_id, surface) not in aliases:
                aliases[(entity.entity_id, surface)] = alias  # a pair's reason wins over the plain form
            mentions.append(
                MentionRow(
                    article_id=article_id,
                    entity_id=entity.entity_id,
                    type=kind,
                    surface=surface,
                    start=start,
                    end=end,
                    method=method,
                    extractor_version=ENTITY_VERSION,
                )
            )
        for m in find_amounts(text):
            amounts.append(
                AmountRow(
                    article_id=article_id,
                    start=m.start,
                    end=m.end,
                    surface=m.surface,
                    kind="money",
                    value=m.value,
                    currency=m.currency,
                    extractor_version=ENTITY_VERSION,
                )
            )
        for m in find_percents(text):
            amounts.append(
                AmountRow(
                    article_id=article_id,
                    start=m.start,
                    end=m.end,
                    surface=m.surface,
                    kind="percent",
                    value=m.value,
                    currency=None,
                    extractor_version=ENTITY_VERSION,
                )
            )
        reference: date | None = article.get("published_on")
        for m in find_dates(text, reference):
            dates.append(
                DateRow(
                    article_id=article_id,
                    start=m.start,
                    end=m.end,
                    surface=m.surface,
                    value=m.value,
                    precision=m.precision,
                    extractor_version=ENTITY_VERSION,
                )
            )
    used = {m.entity_id for m in mentions}  # an entity whose mentions all joined another form's is not written
    return EntityFrames(
        mentions=pl.DataFrame(mentions, schema=MENTION_SCHEMA, orient="row"),
        entities=pl.DataFrame(
            [e for e in entities.values() if e.entity_id in used], schema=ENTITY_SCHEMA, orient="row"
        ),
        aliases=pl.DataFrame(sorted(aliases.values()), schema=ALIAS_SCHEMA, orient="row"),
        amounts=pl.DataFrame(amounts, schema=AMOUNT_SCHEMA, orient="row"),
        dates=pl.DataFrame(dates, schema=DATE_SCHEMA, orient="row"),
        chars=sum(len(t) for t in texts),
    )


def _dateline_mentions(title: str, body: str) -> tuple[tuple[int, int], list[tuple[int, int, str, str, str]]]:
    """The span of the dateline/lead in the article text, and the agency as ORG (`source`) and each
    reporter as PER (`byline`, from the dateline or the end of the body), at their offsets in the text."""
    base = len(title) + 1
    text = article_text(title, body)
    found = []
    dateline = find_dateline(body)
    span = (0, 0)
    if dateline is not None:
        span = (base + dateline.start, base + dateline.end)
        if dateline.agency not in ("本报", "本台"):  # "this paper": not an organisation's name
            start, end = base + dateline.agency_start, base + dateline.agency_end
            found.append((start, end, ORGANISATION, text[start:end], "source"))
        for s, e in dateline.reporter_spans:
            found.append((base + s, base + e, PERSON, text[base + s : base + e], "byline"))
    for _, s, e in find_trailing_reporters(body):
        found.append((base + s, base + e, PERSON, text[base + s : base + e], "byline"))
    return span, found


def _model_method(start: int, end: int, how: str, boilerplate: tuple[int, int]) -> str:
    # A span inside the lead (新闻联播 in 中国网络电视台消息(新闻联播):) is boilerplate; otherwise say
    # what found it: model, known_name (the known-names list) or document (another occurrence's tag).
    return "boilerplate" if boilerplate[0] <= start and end <= boilerplate[1] else how


def _glossed_entity(text: str, start: int, kind: str, surface: str, by_end: dict) -> str | None:
    """The entity of the Chinese name that a bracketed Latin gloss follows: 卡山(Kashan Khan)."""
    if not surface.isascii() or kind not in (PERSON, ORGANISATION) or start < 2 or text[start - 1] not in "(（":
        return None
    return by_end.get((kind, start - 1))


def _without_overlaps(found: list[tuple]) -> list[tuple]:
    """Dateline and byline spans win over model spans they overlap; otherwise keep the first, longest span."""
    ordered = sorted(found, key=lambda m: (m[4] not in ("source", "byline"), m[0], -(m[1] - m[0])))
    if any(m[1] <= m[0] for m in found):  # an empty span breaks the neighbour argument below: check all
        kept = []
        for mention in ordered:
            if all(mention[1] <= k[0] or mention[0] >= k[1] for k in kept):
                kept.append(mention)
        return sorted(kept, key=lambda m: (m[0], m[1]))
    kept: list[tuple] = []  # disjoint spans sorted by start, so only the neighbours can overlap
    starts: list[int] = []
    for mention in ordered:
        at = bisect.bisect_right(starts, mention[0])
        if at and kept[at - 1][1] > mention[0]:
            continue  # the span starting at or before this one reaches into it
        if at < len(kept) and kept[at][0] < mention[1]:
            continue  # the next span starts inside this one
        kept.insert(at, mention)
        starts.insert(at, mention[0])
    return sorted(kept, key=lambda m: (m[0], m[1]))


# Institution heads that often open a longer unit name: 台州学院|建筑工程学院, 浙江大学|医学院.
_INSTITUTION_HEAD = re.compile(r"(?:大学|学院|医院|研究院|研究所|集团|银行|公司|委员会|政府|法院|检察院|(?<!分)局|厅)")


def _nested_organisations(found: list[tuple]) -> list[tuple]:
    """Also report the institution inside a unit's name: the model tags 台州学院建筑工程学院 as one
    organisation (as MSRA and CLUENER annotate it), but analysts look for 台州学院 too."""
    nested = []
    for start, _end, kind, surface, method in found:
        if kind != ORGANISATION or method not in ("model", "known_name", "document"):
            continue
        for match in _INSTITUTION_HEAD.finditer(surface):
            cut = match.end()
            if cut >= 2 and len(surface) - cut >= 2:
                nested.append((start, start + cut, ORGANISATION, surface[:cut], "nested"))
                break
    return nested


# Methods of the story's own names: the outlet, its reporters and the lead neither link nor are linked.
_STORY_METHODS = frozenset({"model", "known_name", "document"})


def _linked(resolved: list[tuple], learned: dict | None, geocoder, japan: bool) -> list[tuple]:
    """The article's mentions with short forms linked to their full name's entity (name_resolution.py)."""
    indices = [i for i, (mention, _, _, _) in enumerate(resolved) if mention[4] in _STORY_METHODS]
    named = [
        Named(
            resolved[i][0][2],
            resolved[i][1].name,
            resolved[i][0][0],
            resolved[i][1].entity_id,
            resolved[i][1].canonical_key,
        )
        for i in indices
    ]
    links = resolve_article(
        named,
        about_japan=japan,
        is_place=lambda name: bool(geocoder.candidates(name)),
        country_names=_country_names(),
        abbreviations=COUNTRY_ABBREV,
        china_default=_china_offices(),
    )
    if learned:
        links = apply_learned(named, links, learned)
    by_id = {entity.entity_id: entity for _, entity, _, _ in resolved}
    out = list(resolved)
    for position, link in links.items():
        mention, entity, _, _ = resolved[indices[position]]
        target = by_id.get(link.entity_id) or _named_entity(mention[2], link.full_form)
        if target.entity_id != link.entity_id:
            continue  # a learned full form whose entity no longer has that name: leave the mention alone
        out[indices[position]] = (mention, target, link.reason, link.full_form)
    return out


@lru_cache(maxsize=1)
def _china_offices() -> frozenset[str]:
    """Organisations whose bare name is China's own: the alias table lists 中国X among X's names (外交部, 国务院)."""
    table = aliases()
    return frozenset(
        name
        for (kind, key), name in table.items()
        if kind == ORGANISATION and table.get((ORGANISATION, canonical_key(ORGANISATION, "中国" + name))) == name
    )


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    return frozenset(p.name for p in default_geocoder().places if p.level == "country")


_NUMERALS = re.compile(r"[0-9０-９零〇一二三四五六七八九十百千万两]+")
# Around a run of abbreviations: as far back and ahead as a list (孟中印缅) and its tail (经济走廊) reach.
_AROUND_BEFORE, _AROUND_AFTER = 4, 8


def _place_abbreviations(
    found: list[tuple], text: str, simple: str, context: list[str], geocoder
) -> tuple[list[tuple], dict]:
    """One-character names and compounds of abbreviations, resolved by the rules of abbreviations.py.

    A one-character person or organisation, or one made of numerals (八 of 十八大), is no name: dropped. A
    one-character place, a run of adjacent ones (中|美) or a compound span (中美, 中非合作) becomes one
    `abbreviation` mention per character, each with its place, when every partner can be told; otherwise none
    (never a third place: 中非 is not the Central African Republic in 中非合作). Returns the kept mentions and
    {(start, end): Place} for the abbreviation rows."""
    kept: list[tuple] = []
    places: dict[tuple[int, int], object] = {}
    runs: list[list[tuple]] = []
    for mention in found:
        start, end, kind, surface, method = mention
        if kind in (PERSON, ORGANISATION) and (end - start == 1 or _NUMERALS.fullmatch(simple[start:end])):
            continue
        if kind != PLACE or method in ("source", "byline", "boilerplate"):
            kept.append(mention)
        elif end - start == 1:
            last = runs[-1][-1] if runs else None
            if last is not None and last[1] == start and last[1] - last[0] == 1:
                runs[-1].append(mention)  # 中|美 tagged apart: one pair all the same
            else:
                runs.append([mention])
        else:
            partners = geocoder.compound_places(simple[start:end], _around(simple, start, end), context)
            if partners is None:
                kept.append(mention)
            elif partners:
                runs.append([mention])
            # else: a compound whose partners cannot all be told is no place at all
    for run in runs:
        start, end = run[0][0], run[-1][1]
        around = _around(simple, start, end)
        if end - start == 1:
            place = geocoder.abbreviation(simple[start], around, context)
            partners = [place] if place is not None else []
        else:
            partners = geocoder.compound_places(simple[start:end], around, context)
            if partners is None:  # adjacent single places that are no compound: each on its own
                partners = [
                    geocoder.abbreviation(simple[i], _around(simple, i, i + 1), context) for i in range(start, end)
                ]
            if any(p is None for p in partners):
                partners = []
        for offset, place in enumerate(partners):
            at = start + offset
            places[(at, at + 1)] = place
            kept.append((at, at + 1, PLACE, text[at], "abbreviation"))
    return sorted(kept, key=lambda m: (m[0], m[1])), places


def _around(simple: str, start: int, end: int) -> tuple[str, str]:
    return simple[max(0, start - _AROUND_BEFORE) : start], simple[end : end + _AROUND_AFTER]


def _canonical_entity(kind: str, surface: str, context: list[str], geocoder, around=None) -> tuple:
    if kind == PLACE:
        place = geocoder.resolve(surface, context=context, around=around)
        if place is not None:
            return _place_entity(place)
    return _named_entity(kind, surface)


def _place_entity(place) -> tuple:
    return EntityRow(
        entity_id=entity_id(PLACE, place.key),
        type=PLACE,
        name=place.name,
        canonical_key=place.key,
        country_code=place.country_code,
        adcode=place.adcode,
        province=place.province,
        city=place.city,
        county=place.county,
        longitude=place.longitude,
        latitude=place.latitude,
        geo_level=place.level,
        extractor_version=ENTITY_VERSION,
    )


@lru_cache(maxsize=200_000)  # once per mention; the row depends on nothing but the type and surface
def _named_entity(kind: str, surface: str) -> tuple:
    key, name = canonical_name(kind, surface)
    return EntityRow(
        entity_id=entity_id(kind, key),
        type=kind,
        name=name,
        canonical_key=key,
        country_code=None,
        adcode=None,
        province=None,
        city=None,
        county=None,
        longitude=None,
        latitude=None,
        geo_level=None,
        extractor_version=ENTITY_VERSION,
    )
