"""Split decoded dump text into raw records, each with its byte range in the original bytes."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@dataclass(frozen=True)
class RawRecord:
    record_no: int  # 1-based position in the dump, counting every record including bad ones
    byte_start: int  # offset of the record's first byte in the decompressed file
    byte_end: int  # exclusive; the line break before the next separator is not included
    text: str  # the record with line breaks normalised to "\n"


def split_records(text: str, encoding: str, bom_length: int = 0) -> list[RawRecord]:
    """Records are separated by lines holding exactly `-` (surrounding whitespace tolerated).

    The one blank stretch before the first separator and the one after the last are not records
    (a file that ends with a separator line is common); every blank record *between* separators,
    trailing ones included (`a - - -`), is kept so the parser can quarantine it as `empty`.

    Only codecs whose characters re-encode to the bytes they came from are accepted
    (BYTE_EXACT_CODECS); ingest_dump still verifies every range.
    """
    encode = _byte_length_function(encoding)
    records: list[RawRecord] = []
    offset = bom_length
    lines: list[str] = []
    start = offset
    content_end = offset

    def close() -> None:
        body = "\n".join(lines)
        records.append(RawRecord(len(records) + 1, start, max(start, content_end), body))

    for match in _LINE.finditer(text):
        line = match.group()
        stripped_eol = line.rstrip("\r\n")
        size = encode(line)
        if stripped_eol.strip() == "-":
            close()
            lines = []
            offset += size
            start = content_end = offset
            continue
        lines.append(stripped_eol)
        content_end = offset + encode(stripped_eol)
        offset += size
    close()
    # Leading/trailing blank stretches are artefacts of the framing, not records.
    if records and not records[-1].text.strip():
        records.pop()
    if records and not records[0].text.strip():
        records = [RawRecord(r.record_no - 1, r.byte_start, r.byte_end, r.text) for r in records[1:]]
    return records


# Every codec the decoder can choose; byte lengths of re-encoded text are exact for these.
BYTE_EXACT_CODECS = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "gb18030", "cp950")


def _byte_length_function(encoding: str):
    if encoding not in BYTE_EXACT_CODECS:
        raise ValueError(f"byte ranges are not exact for {encoding!r}; the decoder must not choose it")
    # Undecodable bytes survive as surrogate escapes and re-encode to themselves.
    errors = "surrogateescape" if encoding in ("utf-8", "gb18030", "cp950") else "strict"
    return lambda s: len(s.encode(encoding, errors))
