"""Everything the entity step finds in a batch of articles, as Polars frames. No Dagster.

Offsets are character (code point) offsets into the article text, defined as
`title + "\\n" + body` (see `article_text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import polars as pl

from pipelines.extract.amounts import find_amounts, find_percents
from pipelines.extract.canonical import canonical_key, entity_id
from pipelines.extract.dates import find_dates
from pipelines.extract.ner import NER_VERSION, default_tagger
from pipelines.extract.places import default_geocoder
from pipelines.ingest.dateline import find_dateline

RULES_VERSION = "rules-1.0.0"
ENTITY_VERSION = f"{NER_VERSION}+{RULES_VERSION}"

MENTION_SCHEMA = {
    "article_id": pl.String, "entity_id": pl.String, "type": pl.String, "surface": pl.String,
    "start": pl.Int32, "end": pl.Int32, "method": pl.String, "extractor_version": pl.String,
}
ENTITY_SCHEMA = {
    "entity_id": pl.String, "type": pl.String, "name": pl.String, "canonical_key": pl.String,
    "country_code": pl.String, "adcode": pl.String, "province": pl.String, "city": pl.String,
    "county": pl.String, "longitude": pl.Float64, "latitude": pl.Float64, "geo_level": pl.String,
    "extractor_version": pl.String,
}
ALIAS_SCHEMA = {"entity_id": pl.String, "alias": pl.String, "extractor_version": pl.String}
AMOUNT_SCHEMA = {
    "article_id": pl.String, "start": pl.Int32, "end": pl.Int32, "surface": pl.String, "kind": pl.String,
    "value": pl.Float64, "currency": pl.String, "extractor_version": pl.String,
}
DATE_SCHEMA = {
    "article_id": pl.String, "start": pl.Int32, "end": pl.Int32, "surface": pl.String,
    "value": pl.String, "precision": pl.String, "extractor_version": pl.String,
}


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


def extract_entities(articles: list[dict]) -> EntityFrames:
    """`articles`: dicts with article_id, title, body, published_on."""
    texts = [article_text(a["title"], a["body"]) for a in articles]
    tagged = default_tagger().tag_many(texts)
    geocoder = default_geocoder()
    mentions, entities, aliases, amounts, dates = [], {}, set(), [], []
    for article, text, spans in zip(articles, texts, tagged):
        article_id = article["article_id"]
        found = _dateline_mentions(article["title"], article["body"]) + [
            (s.start, s.end, s.type, s.surface, "model") for s in spans
        ]
        found = _without_overlaps(found)
        found += _nested_organisations(found)
        context = [surface for _, _, kind, surface, _ in found if kind == "LOC"]
        for start, end, kind, surface, method in found:
            around = (text[max(0, start - 2) : start], text[end : end + 6])
            entity = _canonical_entity(kind, surface, context, geocoder, around)
            entities.setdefault(entity[0], entity)
            aliases.add((entity[0], surface, ENTITY_VERSION))
            mentions.append((article_id, entity[0], kind, surface, start, end, method, ENTITY_VERSION))
        for m in find_amounts(text):
            amounts.append((article_id, m.start, m.end, m.surface, "money", m.value, m.currency, ENTITY_VERSION))
        for m in find_percents(text):
            amounts.append((article_id, m.start, m.end, m.surface, "percent", m.value, None, ENTITY_VERSION))
        reference: date | None = article.get("published_on")
        for m in find_dates(text, reference):
            dates.append((article_id, m.start, m.end, m.surface, m.value, m.precision, ENTITY_VERSION))
    return EntityFrames(
        mentions=pl.DataFrame(mentions, schema=MENTION_SCHEMA, orient="row"),
        entities=pl.DataFrame(list(entities.values()), schema=ENTITY_SCHEMA, orient="row"),
        aliases=pl.DataFrame(sorted(aliases), schema=ALIAS_SCHEMA, orient="row"),
        amounts=pl.DataFrame(amounts, schema=AMOUNT_SCHEMA, orient="row"),
        dates=pl.DataFrame(dates, schema=DATE_SCHEMA, orient="row"),
        chars=sum(len(t) for t in texts),
    )


def _dateline_mentions(title: str, body: str) -> list[tuple[int, int, str, str, str]]:
    """The agency as ORG and each reporter as PER, at their offsets in the article text."""
    dateline = find_dateline(body)
    if dateline is None:
        return []
    base = len(title) + 1
    start = base + dateline.start
    found = [(start, start + len(dateline.agency), "ORG", dateline.agency, "dateline")]
    cursor = base + dateline.start
    window_end = base + dateline.end
    text = article_text(title, body)
    for name in dateline.reporters:
        at = text.find(name, cursor, window_end)
        if at >= 0:
            found.append((at, at + len(name), "PER", name, "dateline"))
            cursor = at + len(name)
    return found


def _without_overlaps(found: list[tuple]) -> list[tuple]:
    """Dateline spans win over model spans they overlap; otherwise keep the first, longest span."""
    ordered = sorted(found, key=lambda m: (m[4] != "dateline", m[0], -(m[1] - m[0])))
    kept: list[tuple] = []
    for mention in ordered:
        if all(mention[1] <= k[0] or mention[0] >= k[1] for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: (m[0], m[1]))


# Institution heads that often open a longer unit name: 台州学院|建筑工程学院, 浙江大学|医学院.
_INSTITUTION_HEAD = re.compile(r"(?:大学|学院|医院|研究院|研究所|集团|银行|公司|委员会|政府|法院|检察院|(?<!分)局|厅)")


def _nested_organisations(found: list[tuple]) -> list[tuple]:
    """Also report the institution inside a unit's name: the model tags 台州学院建筑工程学院 as one
    organisation (as MSRA and CLUENER annotate it), but analysts look for 台州学院 too."""
    nested = []
    for start, end, kind, surface, method in found:
        if kind != "ORG" or method != "model":
            continue
        for match in _INSTITUTION_HEAD.finditer(surface):
            cut = match.end()
            if cut >= 2 and len(surface) - cut >= 2:
                nested.append((start, start + cut, "ORG", surface[:cut], "nested"))
                break
    return nested


def _canonical_entity(kind: str, surface: str, context: list[str], geocoder, around=None) -> tuple:
    if kind == "LOC":
        place = geocoder.resolve(surface, context=context, around=around)
        if place is not None:
            return (
                entity_id(kind, place.key), kind, place.name, place.key, place.country_code, place.adcode,
                place.province, place.city, place.county, place.longitude, place.latitude, place.level,
                ENTITY_VERSION,
            )
    key = canonical_key(kind, surface)
    return (entity_id(kind, key), kind, key, key, None, None, None, None, None, None, None, None, ENTITY_VERSION)
