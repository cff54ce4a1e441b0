"""One dump file in, Polars frames out: the unit of work behind a partition."""

from __future__ import annotations

import dataclasses
import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl

from pipelines.ingest.decode import DecodedDump, DecodeLimits, DumpDecodeError, read_dump_stream
from pipelines.ingest.landing import LandingSkip, display_path, open_landing_file
from pipelines.ingest.parse import PARSER_VERSION, Article, Rejection, parse_record
from pipelines.ingest.records import RawRecord, split_records
from pipelines.ingest.reference_date import reference_date_for
from pipelines.rows import row_type

ARTICLE_SCHEMA = {
    "article_id": pl.String,
    "title": pl.String,
    "body": pl.String,
    "kind": pl.String,
    "source": pl.String,
    "dateline_place": pl.String,
    "published_on": pl.Date,
    "published_on_method": pl.String,
    "published_on_confidence": pl.Float64,
    "published_on_year_guessed": pl.Boolean,
    "authors": pl.List(pl.String),
    "char_count": pl.Int32,
    "extractor_version": pl.String,
}
OCCURRENCE_SCHEMA = {
    "article_id": pl.String,
    "dump_id": pl.String,
    "record_no": pl.Int32,
    "byte_start": pl.Int64,
    "byte_end": pl.Int64,
    "extractor_version": pl.String,
    "published_on": pl.Date,  # this record's own day: a re-aired article has one per airing
}
QUARANTINE_SCHEMA = {
    "dump_id": pl.String,
    "record_no": pl.Int32,
    "byte_start": pl.Int64,
    "byte_end": pl.Int64,
    "raw_text": pl.String,
    "reason": pl.String,
    "detail": pl.String,
    "extractor_version": pl.String,
}
ArticleRow = row_type("ArticleRow", ARTICLE_SCHEMA)
OccurrenceRow = row_type("OccurrenceRow", OCCURRENCE_SCHEMA)
QuarantineRow = row_type("QuarantineRow", QUARANTINE_SCHEMA)


@dataclass
class ParsedDump:
    file_key: str  # partition key: the path relative to the landing folder
    path: str
    dump_id: str | None  # None only when the file could not even be read
    size_bytes: int
    compression: str | None
    encoding: str | None
    status: str  # parsed | failed | skipped (not a regular file inside the landing folder: never opened)
    error: str | None  # why it failed or was skipped
    warning: str | None  # loaded, but something is off (a truncated file)
    reference_date: date | None
    reference_date_source: str | None
    records: int
    articles: pl.DataFrame
    occurrences: pl.DataFrame
    quarantine: pl.DataFrame

    @property
    def parsed(self) -> int:
        return self.occurrences.height

    @property
    def quarantined(self) -> int:
        return self.quarantine.height


def ingest_dump(
    path: Path,
    file_key: str,
    *,
    reference_override: date | None,
    max_record_chars: int,
    landing_root: Path | None = None,
    limits: DecodeLimits | None = None,
    arrival_day: date | None = None,
) -> ParsedDump:
    """Never raises for bad input: an unreadable file comes back `failed`, a non-file `skipped`.

    `arrival_day`: the day the file arrived (its landing_arrivals day); no article is dated after it.
    Without one, today (UTC) bounds the dates: a file being read now has arrived by today.

    Only a regular file whose real path is inside `landing_root` (default: the file's folder) is
    opened; decompression stays within `limits`.
    """
    shown = display_path(path)
    try:
        stream = open_landing_file(path, landing_root if landing_root is not None else path.parent)
    except LandingSkip as exc:
        size = _lstat_size(path)
        return ParsedDump(
            file_key, shown, None, size, None, None, "skipped", str(exc), None, None, None, 0, *_empty_frames()
        )
    except OSError as exc:  # vanished or unreadable
        return ParsedDump(
            file_key, shown, None, 0, None, None, "failed", _os_error(exc), None, None, None, 0, *_empty_frames()
        )
    with stream:
        try:
            decoded = read_dump_stream(stream, limits)
            records = split_records(decoded.text, decoded.encoding, decoded.bom_length)
            _verify_byte_ranges(decoded, records)
            # The records now hold the text: let the file's bytes and decoded text go before parsing
            # (on a 100 MB dump they are about 200 MB of the step's peak).
            decoded = dataclasses.replace(decoded, raw=b"", text="")
        except (DumpDecodeError, OSError, ValueError) as exc:
            size, dump_id = _size_and_hash(stream)
            return ParsedDump(
                file_key, shown, dump_id, size, None, None, "failed", str(exc), None, None, None, 0, *_empty_frames()
            )
    reference, reference_source = reference_date_for(path, reference_override)
    latest_day = arrival_day if arrival_day is not None else datetime.now(UTC).date()
    articles: dict[str, Article] = {}
    occurrences: list[tuple] = []
    quarantine: list[tuple] = []
    record_count, last = len(records), (records[-1] if records else None)
    for record in records:
        if decoded.truncated and record is last:
            outcome = Rejection("truncated", decoded.truncated)
        else:
            outcome = parse_record(record.text, reference, max_record_chars, reference_source, latest_day)
        if isinstance(outcome, Article):
            articles.setdefault(outcome.article_id, outcome)
            occurrences.append(
                OccurrenceRow(
                    article_id=outcome.article_id,
                    dump_id=decoded.dump_id,
                    record_no=record.record_no,
                    byte_start=record.byte_start,
                    byte_end=record.byte_end,
                    extractor_version=PARSER_VERSION,
                    published_on=outcome.published_on,
                )
            )
        else:
            quarantine.append(
                QuarantineRow(
                    dump_id=decoded.dump_id,
                    record_no=record.record_no,
                    byte_start=record.byte_start,
                    byte_end=record.byte_end,
                    raw_text=_printable(record.text),
                    reason=outcome.reason,
                    detail=outcome.detail,
                    extractor_version=PARSER_VERSION,
                )
            )
    del records  # parsed: only the frames below are kept, so the raw texts go before they are built
    return ParsedDump(
        file_key=file_key,
        path=shown,
        dump_id=decoded.dump_id,
        size_bytes=decoded.size_bytes,
        compression=decoded.compression,
        encoding=decoded.encoding,
        status="parsed",
        error=None,
        warning=f"truncated: {decoded.truncated}" if decoded.truncated else None,
        reference_date=reference,
        reference_date_source=reference_source,
        records=record_count,
        articles=pl.DataFrame([_article_row(a) for a in articles.values()], schema=ARTICLE_SCHEMA, orient="row"),
        occurrences=pl.DataFrame(occurrences, schema=OCCURRENCE_SCHEMA, orient="row"),
        # Most dumps quarantine nothing: an empty frame is built without the row-by-row constructor.
        quarantine=pl.DataFrame(quarantine, schema=QUARANTINE_SCHEMA, orient="row")
        if quarantine
        else pl.DataFrame(schema=QUARANTINE_SCHEMA),
    )


def _article_row(article: Article) -> tuple:
    return ArticleRow(
        article_id=article.article_id,
        title=article.title,
        body=article.body,
        kind=article.kind,
        source=article.source,
        dateline_place=article.dateline_place,
        published_on=article.published_on,
        published_on_method=article.published_on_method,
        published_on_confidence=article.published_on_confidence,
        published_on_year_guessed=article.published_on_year_guessed,
        authors=article.authors,
        char_count=article.char_count,
        extractor_version=PARSER_VERSION,
    )


def _printable(text: str) -> str:
    # Undecodable bytes survive as surrogate escapes, which no database accepts; the byte range
    # still points at the exact original bytes.
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _verify_byte_ranges(decoded: DecodedDump, records: list[RawRecord]) -> None:
    """Every stored range must slice back to its record: checked, not assumed, for every codec."""
    errors = (
        "strict"
        if decoded.encoding.startswith("utf-16") or decoded.encoding.startswith("utf-32")
        else "surrogateescape"
    )
    for record in records:
        piece = decoded.raw[record.byte_start : record.byte_end].decode(decoded.encoding, errors)
        if piece.replace("\r\n", "\n").replace("\r", "\n") != record.text:
            raise DumpDecodeError(
                f"byte range of record {record.record_no} does not slice back to it under {decoded.encoding}"
            )


def _size_and_hash(stream) -> tuple[int, str | None]:
    """Size and SHA-256 of what is stored, read again in chunks (bounded memory)."""
    try:
        stream.seek(0)
        hasher, size = hashlib.sha256(), 0
        while chunk := stream.read(1 << 16):
            hasher.update(chunk)
            size += len(chunk)
        return size, hasher.hexdigest()
    except OSError:
        return 0, None


def _os_error(exc: OSError) -> str:
    return f"{exc.strerror or exc} (errno {exc.errno})" if exc.errno else str(exc)


def _lstat_size(path: Path) -> int:
    try:
        return os.lstat(path).st_size
    except OSError:
        return 0


def _empty_frames() -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    return (
        pl.DataFrame(schema=ARTICLE_SCHEMA),
        pl.DataFrame(schema=OCCURRENCE_SCHEMA),
        pl.DataFrame(schema=QUARANTINE_SCHEMA),
    )
