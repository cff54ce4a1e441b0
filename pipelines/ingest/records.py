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

    Blank stretches before the first or after the last separator are not records (a file that
    ends with a separator line is common); a blank record *between* separators is kept so the
    parser can quarantine it as `empty`.
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
    while records and not records[-1].text.strip():
        records.pop()
    if records and not records[0].text.strip():
        records = [RawRecord(r.record_no - 1, r.byte_start, r.byte_end, r.text) for r in records[1:]]
    return records


def _byte_length_function(encoding: str):
    if encoding in ("utf-8", "utf_8"):
        return lambda s: len(s.encode("utf-8", "surrogateescape"))
    return lambda s: len(s.encode(encoding))
