"""Parse one raw record into an article, or say why it must be quarantined."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from pipelines.ingest.dateline import find_dateline
from pipelines.ingest.decode import is_damaged
from pipelines.ingest.reference_date import infer_year

PARSER_VERSION = "parse-1.0.0"

_END_MARK = re.compile(r"[(（]完[)）]\s*$")
_ELLIPSIS = re.compile(r"(?:\.{3,}|…+|。。。)\s*$")
_LEAD_DATE = re.compile(r"(?<!\d)(?P<month>1[0-2]|0?[1-9])月(?P<day>3[01]|[12]\d|0?[1-9])日")
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
    published_on_method: str  # dateline | lead | reference
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


def parse_record(text: str, reference: date, max_chars: int) -> Article | Rejection:
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
    published_on, method = reference, "reference"
    month = day = None
    if dateline is not None and dateline.month:
        month, day, method = dateline.month, dateline.day, "dateline"
    else:
        lead_date = _LEAD_DATE.search(body[:_LEAD_DATE_WINDOW])
        if lead_date:
            month, day, method = int(lead_date["month"]), int(lead_date["day"]), "lead"
    if month and day:
        inferred = infer_year(month, day, reference)
        if inferred is None:  # 2月30日 and the like: fall back rather than invent a date
            method = "reference"
        else:
            published_on = inferred
    return Article(
        article_id=article_id_for(title, body),
        title=title,
        body=body,
        kind=classify_kind(paragraphs, dateline is not None),
        source=dateline.agency if dateline else None,
        dateline_place=dateline.place if dateline else None,
        published_on=published_on,
        published_on_method=method,
        authors=dateline.reporters if dateline else [],
        char_count=len(title) + len(body),
    )


def classify_kind(paragraphs: list[str], has_dateline: bool) -> str:
    """`full`: complete wire copy; `teaser`: one line cut off with an ellipsis; `brief`: the rest."""
    if _END_MARK.search(paragraphs[-1]):
        return "full"
    if len(paragraphs) == 1 and _ELLIPSIS.search(paragraphs[0]):
        return "teaser"
    if has_dateline and len(paragraphs) >= 2:
        return "full"
    return "brief"
