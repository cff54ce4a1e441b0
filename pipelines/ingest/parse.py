"""Parse one raw record into an article, or say why it must be quarantined."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from pipelines.ingest.dateline import Dateline, find_dateline, find_trailing_reporters
from pipelines.ingest.decode import is_damaged
from pipelines.ingest.reference_date import infer_year, latest_not_after

PARSER_VERSION = "parse-1.2.0"

_END_MARK = re.compile(r"[(（]完[)）]\s*$")
_ELLIPSIS = re.compile(r"(?:\.{3,}|…+|。。。)\s*$")
_LEAD_DATE = re.compile(r"(?<!\d)(?P<month>1[0-2]|0?[1-9])月(?P<day>3[01]|[12]\d|0?[1-9])日")
# Dates announced or spanned (将于7月4日至7日, 截至5月3日, 自6月1日起) are events, never the publication day.
_EVENT_BEFORE = re.compile(r"(?:将|将于|定于|计划|预计|拟于|至|到|截至|截止|从|自|于今年|明年|去年)$")
_EVENT_AFTER = re.compile(r"^(?:至|到|起|前|后|以来|-|—|～|〜|、)")
# Reference-date sources that name the day a dump was published (not just its year).
KNOWN_DAY_SOURCES = frozenset({"manifest", "path"})
# Trust in a date moved back to the file's arrival day (its year, or the whole day, is a guess).
BOUNDED_CONFIDENCE = 0.3
# Minimum body length for a several-paragraph piece to count as complete copy rather than a brief.
FULL_MIN_CHARS = 200
_SPACE = re.compile(r"\s+")
_LEAD_DATE_WINDOW = 80
MAX_TITLE_CHARS = 300

QUARANTINE_REASONS = {
    "empty": "record holds no text",
    "no_title": "first line of the record is blank",
    "no_body": "record has a title line but no body",
    "oversized": "record is longer than MAX_RECORD_CHARS",
    "undecodable": "record contains bytes that do not decode in the file's encoding",
    "title_too_long": "first line is too long to be a title (a body without a title?)",
    "truncated": "last record of a file that was cut short: its text is incomplete",
}


@dataclass(frozen=True)
class Article:
    article_id: str
    title: str
    body: str
    kind: str  # full | teaser | brief
    source: str | None
    dateline_place: str | None
    published_on: date | None
    published_on_method: str  # dateline | lead | reference | arrival
    published_on_confidence: float = 0.0  # 0..1, see `date_published`
    published_on_year_guessed: bool = False  # the year came from a file's mtime, or the arrival day bound it
    authors: list[str] = field(default_factory=list)
    char_count: int = 0


@dataclass(frozen=True)
class Rejection:
    reason: str
    detail: str


def article_id_for(title: str, body: str) -> str:
    """Stable id: the same text in any dump, whatever its whitespace or width forms, is one article."""
    normal = _SPACE.sub(" ", unicodedata.normalize("NFKC", f"{title}\n{body}")).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:20]


def parse_record(
    text: str, reference: date, max_chars: int, reference_source: str | None = None, arrival_day: date | None = None
) -> Article | Rejection:
    """`reference_source` says where `reference` came from (override/manifest/path/mtime, see
    reference_date.py): a manifest or path names the day itself, the others only hint at the year.
    `arrival_day`: the day the file arrived; no article is dated after it."""
    if not text.strip():
        return Rejection("empty", QUARANTINE_REASONS["empty"])
    if len(text) > max_chars:
        return Rejection("oversized", f"{len(text)} characters > {max_chars}")
    if is_damaged(text):
        return Rejection("undecodable", QUARANTINE_REASONS["undecodable"])
    lines = [line.strip() for line in text.split("\n")]
    title, paragraphs = lines[0], [line for line in lines[1:] if line]
    if not title:
        return Rejection("no_title", QUARANTINE_REASONS["no_title"])
    if not paragraphs:
        return Rejection("no_body", QUARANTINE_REASONS["no_body"])
    if len(title) > MAX_TITLE_CHARS:
        return Rejection("title_too_long", f"first line has {len(title)} characters > {MAX_TITLE_CHARS}")
    body = "\n".join(paragraphs)
    dateline = find_dateline(body)
    published_on, method, confidence, bounded = date_published(body, dateline, reference, reference_source, arrival_day)
    authors = list(dateline.reporters) if dateline else []
    for name, _, _ in find_trailing_reporters(body):
        if name not in authors:
            authors.append(name)
    return Article(
        article_id=article_id_for(title, body),
        title=title,
        body=body,
        kind=classify_kind(paragraphs, dateline is not None),
        source=dateline.agency if dateline else None,
        dateline_place=dateline.place if dateline else None,
        published_on=published_on,
        published_on_method=method,
        published_on_confidence=confidence,
        published_on_year_guessed=reference_source == "mtime" or bounded,
        authors=authors,
        char_count=len(title) + len(body),
    )


def date_published(
    body: str,
    dateline: Dateline | None,
    reference: date,
    reference_source: str | None,
    arrival_day: date | None = None,
) -> tuple[date, str, float, bool]:
    """(publication date, method, confidence, bounded by the arrival day).

    1. A dateline (`X月X日电/讯`) gives month and day; the year is the one nearest the reference.
    2. Otherwise a reference that names the dump's day (manifest, path) is the date: a date in the
       text is far more often an event (a meeting, a forecast) than the day of publication.
    3. Otherwise (the reference only hints at the year: REFERENCE_DATE or the file's mtime) a date
       at the top of the body that is not announced or spanned (将于7月4日, 至7日) is used.
    4. Otherwise the reference itself, with low confidence.
    Confidence is lowered when the year (or the day) came from a file's modification time.
    Nothing is dated after `arrival_day`: a month/day whose nearest year lies beyond it takes the
    latest year that does not (method unchanged), and a reference day beyond it gives way to the
    arrival day itself (method `arrival`); both with confidence BOUNDED_CONFIDENCE and bounded=True.
    """
    known_day = reference_source in KNOWN_DAY_SOURCES
    from_mtime = reference_source == "mtime"
    if dateline is not None and dateline.month and dateline.day:
        found = _month_day(
            dateline.month, dateline.day, reference, arrival_day, "dateline", 0.6 if from_mtime else 0.95
        )
        if found is not None:  # 2月30日 and the like: fall through rather than invent a date
            return found
    if known_day:
        return _not_after_arrival(reference, 0.9, arrival_day)
    lead = _publication_like_date(body)
    if lead is not None:
        found = _month_day(lead[0], lead[1], reference, arrival_day, "lead", 0.3 if from_mtime else 0.5)
        if found is not None:
            return found
    return _not_after_arrival(reference, 0.1 if from_mtime else 0.4, arrival_day)


def _month_day(
    month: int, day: int, reference: date, arrival_day: date | None, method: str, confidence: float
) -> tuple[date, str, float, bool] | None:
    nearest = infer_year(month, day, reference)
    if nearest is None:
        return None
    if arrival_day is None or nearest <= arrival_day:
        return nearest, method, confidence, False
    bounded = latest_not_after(month, day, arrival_day)
    return (bounded, method, min(confidence, BOUNDED_CONFIDENCE), True) if bounded is not None else None


def _not_after_arrival(reference: date, confidence: float, arrival_day: date | None) -> tuple[date, str, float, bool]:
    if arrival_day is not None and reference > arrival_day:
        return arrival_day, "arrival", min(confidence, BOUNDED_CONFIDENCE), True
    return reference, "reference", confidence, False


def _publication_like_date(body: str) -> tuple[int, int] | None:
    for match in _LEAD_DATE.finditer(body[:_LEAD_DATE_WINDOW]):
        before, after = body[max(0, match.start() - 3) : match.start()], body[match.end() : match.end() + 3]
        if _EVENT_BEFORE.search(before) or _EVENT_AFTER.match(after):
            continue
        return int(match["month"]), int(match["day"])
    return None


def classify_kind(paragraphs: list[str], has_dateline: bool) -> str:
    """`full`: complete copy (ends in (完), or several paragraphs: wire copy with a dateline, a
    commentary or a newspaper piece); `teaser`: one line cut off with an ellipsis; `brief`: a short
    complete item."""
    if _END_MARK.search(paragraphs[-1]):
        return "full"
    if len(paragraphs) == 1 and _ELLIPSIS.search(paragraphs[0]):
        return "teaser"
    if len(paragraphs) >= 2 and (has_dateline or sum(map(len, paragraphs)) >= FULL_MIN_CHARS):
        return "full"
    return "brief"
